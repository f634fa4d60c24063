#include "viz/model/event_list.hpp"

#include <doctest/doctest.h>

#include "tests/sim/transports/transport_test_support.hpp"
#include "tests/viz/simulated_run.hpp"

namespace pushlab::viz {

using namespace sim::testing;

namespace {

using Run = testing::SimulatedRun;

Run two_lanes() {
  sim::Scenario scenario = basic_scenario(sim::Transport::websocket, 5s);
  scenario.lanes = {sim::Transport::short_poll, sim::Transport::websocket};
  add_at(scenario, sim::Direction::server_to_client, {1500ms});
  return testing::simulate_run(scenario);
}

const sim::WireFrame& frame_of(const Run& run, FrameRef ref) {
  return run.trace.lanes[ref.lane].frames[ref.frame];
}

}  // namespace

TEST_CASE("all frames of all lanes, merged by send time") {
  const Run run = two_lanes();
  const auto events = list_events(run.trace, run.diagram, {});
  CHECK(events.size() == run.trace.lanes[0].frames.size() + run.trace.lanes[1].frames.size());
  for (std::size_t i = 1; i < events.size(); ++i) {
    CHECK(frame_of(run, events[i - 1]).sent_at <= frame_of(run, events[i]).sent_at);
  }
  // At time 0 both lanes send a SYN: the first lane's comes first.
  CHECK(events[0].lane == 0);
  CHECK(events[1].lane == 1);
}

TEST_CASE("filters by lane, layer and text") {
  const Run run = two_lanes();
  EventFilter websocket_only;
  websocket_only.lanes = {false, true};
  for (const FrameRef ref : list_events(run.trace, run.diagram, websocket_only))
    CHECK(ref.lane == 1);

  EventFilter no_tcp;
  no_tcp.layers[static_cast<std::size_t>(sim::Layer::tcp)] = false;
  for (const FrameRef ref : list_events(run.trace, run.diagram, no_tcp)) {
    CHECK(frame_of(run, ref).layer != sim::Layer::tcp);
  }

  EventFilter switching;
  switching.text = "switching";  // any case
  const auto found = list_events(run.trace, run.diagram, switching);
  REQUIRE(found.size() == 1);
  CHECK(run.diagram.lanes[found[0].lane].labels[found[0].frame] == "101 Switching Protocols");

  EventFilter syn;
  syn.text = "syn-ack";  // a kind
  CHECK(list_events(run.trace, run.diagram, syn).size() == 2);
}

TEST_CASE("the playhead's place in the list: the first event sent at or after it") {
  const Run run = two_lanes();
  const auto events = list_events(run.trace, run.diagram, {});
  const std::size_t at = first_event_from(run.trace, events, 1500ms);
  REQUIRE(at < events.size());
  CHECK(frame_of(run, events[at]).sent_at >= 1500ms);
  CHECK(frame_of(run, events[at - 1]).sent_at < 1500ms);
  CHECK(first_event_from(run.trace, events, 1h) == events.size());
}

}  // namespace pushlab::viz
