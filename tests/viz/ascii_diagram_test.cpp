#include "viz/model/ascii_diagram.hpp"

#include <doctest/doctest.h>

#include <string>

#include "sim/transports/simulate.hpp"
#include "tests/sim/transports/transport_test_support.hpp"
#include "tests/viz/text_count.hpp"

namespace pushlab::viz {

namespace {

using namespace sim::testing;
using testing::count_of;

}  // namespace

TEST_CASE("ascii diagram: lifelines, an arrow per frame pointing the way it went, its label") {
  sim::Scenario scenario = basic_scenario(sim::Transport::websocket, 5s);
  add_at(scenario, sim::Direction::server_to_client, {1s, 2s});
  const sim::Trace trace = sim::simulate(scenario);
  const Diagram diagram = build_diagram(trace);
  const std::string text = ascii_diagram(trace.lanes[0], diagram.lanes[0], {.from = 0ns});
  CHECK(text.starts_with("WebSocket"));
  CHECK(text.find("Client") != std::string::npos);
  CHECK(text.find("Server") != std::string::npos);
  CHECK(count_of(text, "|------------------------------>|  GET /ws") == 1);
  CHECK(count_of(text, "|<------------------------------|  101 Switching Protocols") == 1);
  CHECK(count_of(text, "|<------------------------------|  WS text") == 2);
  CHECK(text.find("SYN") == std::string::npos);  // TCP only when asked
  // From a moment on, and no more rows than asked for.
  const std::string later =
      ascii_diagram(trace.lanes[0], diagram.lanes[0], {.from = 1500ms, .most = 1});
  CHECK(count_of(later, "\n") == 2);  // the heading and one frame
  CHECK(later.find("#1 ") != std::string::npos);
}

}  // namespace pushlab::viz
