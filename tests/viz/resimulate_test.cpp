#include "viz/model/resimulate.hpp"

#include <doctest/doctest.h>

#include "tests/sim/transports/transport_test_support.hpp"

namespace pushlab::viz {

using namespace sim::testing;

TEST_CASE("an edited scenario runs again with the change") {
  sim::Scenario scenario = basic_scenario(sim::Transport::websocket, 5s);
  add_at(scenario, sim::Direction::server_to_client, {2s});
  const Document before = make_document(scenario, "chat.json");
  scenario.network.latency = 120ms;
  const Resimulation after = resimulate(scenario, "chat.json");
  REQUIRE(after.document);
  CHECK(after.error.empty());
  CHECK(after.document->file == "chat.json");
  CHECK(ms(before.metrics[0].latency.mean) == doctest::Approx(50));
  CHECK(ms(after.document->metrics[0].latency.mean) == doctest::Approx(120));
}

TEST_CASE("an edit the loader would refuse is refused, naming the field") {
  sim::Scenario scenario = basic_scenario(sim::Transport::websocket, 5s);
  scenario.network.loss = 1.5;
  const Resimulation refused = resimulate(scenario, {});
  CHECK_FALSE(refused.document);
  CHECK(refused.error.find("/network/loss") != std::string::npos);

  scenario.network.loss = 0;
  scenario.lanes.clear();
  CHECK(resimulate(scenario, {}).error.find("/transports") != std::string::npos);
}

TEST_CASE("the playhead and the selection survive a re-run when they still fit") {
  sim::Scenario scenario = basic_scenario(sim::Transport::websocket, 10s);
  ViewState view;
  view.playback.set_end(10s);
  view.playback.seek(4s);
  view.selected = FrameRef{0, 3};
  scenario.duration = 6s;
  carry_view_over(view, make_document(scenario));
  CHECK(view.playback.time() == 4s);
  CHECK(view.selected == FrameRef{0, 3});

  scenario.duration = 2s;
  view.selected = FrameRef{0, 100000};
  carry_view_over(view, make_document(scenario));
  CHECK(view.playback.time() == 2s);
  CHECK_FALSE(view.selected);
}

}  // namespace pushlab::viz
