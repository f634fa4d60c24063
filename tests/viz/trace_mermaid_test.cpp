#include "viz/model/trace_mermaid.hpp"

#include <doctest/doctest.h>

#include <string>

#include "sim/transports/simulate.hpp"
#include "tests/sim/transports/transport_test_support.hpp"
#include "tests/viz/text_count.hpp"

namespace pushlab::viz {

namespace {

using namespace sim::testing;
using testing::count_of;

sim::Trace websocket_run() {
  sim::Scenario scenario = basic_scenario(sim::Transport::websocket, 10s);
  add_at(scenario, sim::Direction::server_to_client, {1s, 2s, 3s});
  return sim::simulate(scenario);
}

}  // namespace

TEST_CASE("mermaid: participants, the handshake solid then dashed back, a frame per message") {
  const sim::Trace trace = websocket_run();
  const std::string diagram = to_mermaid(trace, trace.lanes[0]);
  CHECK(diagram.starts_with("sequenceDiagram\n"));
  CHECK(diagram.find("  participant client0 as client 1\n") != std::string::npos);
  CHECK(diagram.find("  participant server1 as server\n") != std::string::npos);
  CHECK(diagram.find("  client0->>server1: GET /ws\n") != std::string::npos);
  CHECK(diagram.find("  server1-->>client0: 101 Switching Protocols\n") != std::string::npos);
  // '#' would start a character code in Mermaid: the payloads' "#0" is written as one.
  CHECK(count_of(diagram, "server1-->>client0: WS text \"#35;") == 3);
  CHECK(diagram.find("SYN") == std::string::npos);  // TCP only when asked
  CHECK(to_mermaid(trace, trace.lanes[0], {.from = {}, .to = {}, .tcp = true}).find("SYN") !=
        std::string::npos);
}

TEST_CASE("mermaid: a time window keeps the frames sent within it") {
  const sim::Trace trace = websocket_run();
  const std::string diagram =
      to_mermaid(trace, trace.lanes[0], {.from = 1500ms, .to = 2500ms, .tcp = false});
  CHECK(count_of(diagram, "WS text") == 1);
  CHECK(diagram.find("GET /ws") == std::string::npos);
}

TEST_CASE("mermaid: a lost frame ends in a cross, and ';' is written as a code") {
  sim::Trace trace = websocket_run();
  sim::Lane& lane = trace.lanes[0];
  for (sim::WireFrame& frame : lane.frames) {
    if (frame.layer == sim::Layer::websocket) {
      frame.received_at.reset();
      break;
    }
  }
  trace.scenario = "a;b";
  const std::string diagram = to_mermaid(trace, lane);
  CHECK(count_of(diagram, "server1--xclient0: WS text") == 1);
  CHECK(count_of(diagram, "(lost)") == 1);
  CHECK(diagram.find("title a#59;b: WebSocket (sim)") != std::string::npos);
}

}  // namespace pushlab::viz
