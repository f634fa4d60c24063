#include "viz/model/trace_svg.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "sim/transports/simulate.hpp"
#include "tests/sim/transports/transport_test_support.hpp"
#include "tests/viz/text_count.hpp"

namespace pushlab::viz {

namespace {

using namespace sim::testing;
using testing::count_of;

sim::Trace two_lanes() {
  sim::Scenario scenario = basic_scenario(sim::Transport::websocket, 10s);
  scenario.lanes = {sim::Transport::websocket, sim::Transport::sse};
  add_at(scenario, sim::Direction::server_to_client, {1s, 2s, 3s});
  return sim::simulate(scenario);
}

}  // namespace

TEST_CASE("svg: every lane titled, its lifelines named, a label per frame in the window") {
  const sim::Trace trace = two_lanes();
  const std::string svg = to_svg(trace, {.lanes = {},
                                         .from = 900ms,
                                         .to = 3500ms,
                                         .width = 1200,
                                         .pixels_per_second = 1200,
                                         .compress_idle = true});
  CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200.0\""));
  CHECK(svg.ends_with("</svg>\n"));
  CHECK(count_of(svg, ">WebSocket</text>") == 1);
  CHECK(count_of(svg, ">Server-Sent Events</text>") == 1);
  CHECK(count_of(svg, ">Client</text>") == 2);
  // The three messages, once in each lane; the handshakes are before the window.
  CHECK(count_of(svg, ">WS text &quot;#") == 3);
  CHECK(count_of(svg, ">SSE event id ") == 3);
  CHECK(svg.find("GET /ws") == std::string::npos);
  CHECK(count_of(svg, " idle</text>") >= 2);  // the seconds between messages, cut out
}

TEST_CASE("svg: chosen lanes in their order; a lane not there or an empty window is refused") {
  const sim::Trace trace = two_lanes();
  const std::string svg = to_svg(trace, {.lanes = {sim::Transport::sse},
                                         .from = {},
                                         .to = {},
                                         .width = 800,
                                         .pixels_per_second = 1200,
                                         .compress_idle = true});
  CHECK(svg.find(">WebSocket</text>") == std::string::npos);
  CHECK(count_of(svg, ">SSE event id ") == 3);
  CHECK_THROWS_AS(to_svg(trace, {.lanes = {sim::Transport::long_poll},
                                 .from = {},
                                 .to = {},
                                 .width = 800,
                                 .pixels_per_second = 1200,
                                 .compress_idle = true}),
                  std::invalid_argument);
  CHECK_THROWS_AS(to_svg(trace, {.lanes = {},
                                 .from = 2s,
                                 .to = 1s,
                                 .width = 800,
                                 .pixels_per_second = 1200,
                                 .compress_idle = true}),
                  std::invalid_argument);
}

TEST_CASE("svg: text is escaped for XML") {
  sim::Trace trace = two_lanes();
  trace.scenario = "a<b & \"c\"";
  CHECK(to_svg(trace).find(">a&lt;b &amp; &quot;c&quot; (sim)</text>") != std::string::npos);
}

}  // namespace pushlab::viz
