#include "viz/model/live_lanes.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <vector>

#include "viz/model/resimulate.hpp"

namespace pushlab::viz {

namespace {

using namespace std::chrono_literals;

// A lane with one client, one server and `frames` frames, each 1 ms apart, 10 ms on the way.
sim::Lane lane_of(sim::Transport transport, std::uint32_t frames) {
  sim::Lane lane{.transport = transport};
  lane.endpoints = {{sim::EndpointRole::client, "client 1"}, {sim::EndpointRole::server, "server"}};
  lane.connections = {{.from = 0, .to = 1, .opened_at = 0ns}};
  for (std::uint32_t i = 0; i < frames; ++i) {
    const sim::Nanoseconds sent = std::chrono::milliseconds{i};
    lane.frames.push_back({.from = 1,
                           .to = 0,
                           .sent_at = sent,
                           .received_at = sent + 10ms,
                           .layer = sim::Layer::websocket,
                           .kind = "text",
                           .bytes = {0x81, 0x00}});
  }
  return lane;
}

sim::Trace trace_of(std::vector<sim::Lane> lanes, sim::Nanoseconds duration,
                    std::string source = "sim") {
  return {.scenario = "hand-made",
          .source = std::move(source),
          .duration = duration,
          .lanes = std::move(lanes)};
}

Document simulated_document(std::vector<sim::Lane> lanes) {
  const std::size_t count = lanes.size();
  return describe_trace({}, trace_of(std::move(lanes), 1s),
                        std::vector<LaneSource>(count, LaneSource::simulated), "chat.json");
}

std::vector<sim::Transport> transports(const sim::Trace& trace) {
  std::vector<sim::Transport> all;
  for (const sim::Lane& lane : trace.lanes) all.push_back(lane.transport);
  return all;
}

using sim::Transport;

}  // namespace

TEST_CASE("pair_lanes: each simulated lane is followed by the live lane of its transport") {
  const sim::Trace simulated =
      trace_of({lane_of(Transport::websocket, 3), lane_of(Transport::sse, 4)}, 1s);
  const sim::Trace live =
      trace_of({lane_of(Transport::sse, 5), lane_of(Transport::websocket, 6)}, 1200ms, "live");
  const PairedLanes paired = pair_lanes(simulated, live);
  CHECK(transports(paired.trace) ==
        std::vector{Transport::websocket, Transport::websocket, Transport::sse, Transport::sse});
  CHECK(paired.sources == std::vector{LaneSource::simulated, LaneSource::live,
                                      LaneSource::simulated, LaneSource::live});
  CHECK(paired.trace.lanes[0].frames.size() == 3);  // the simulated lane,
  CHECK(paired.trace.lanes[1].frames.size() == 6);  // then its live partner
  CHECK(paired.trace.lanes[3].frames.size() == 5);
  CHECK(paired.trace.duration == 1200ms);  // the longer run's
  CHECK(paired.trace.scenario == "hand-made");
}

TEST_CASE("pair_lanes: a lane only one run has stands alone; live-only lanes come last") {
  const sim::Trace simulated =
      trace_of({lane_of(Transport::short_poll, 1), lane_of(Transport::websocket, 1)}, 1s);
  const sim::Trace live =
      trace_of({lane_of(Transport::long_poll, 1), lane_of(Transport::websocket, 1)}, 1s, "live");
  const PairedLanes paired = pair_lanes(simulated, live);
  CHECK(transports(paired.trace) == std::vector{Transport::short_poll, Transport::websocket,
                                                Transport::websocket, Transport::long_poll});
  CHECK(paired.sources == std::vector{LaneSource::simulated, LaneSource::simulated,
                                      LaneSource::live, LaneSource::live});
}

TEST_CASE("with_live_lanes: titles say which lane is live, figures are compared") {
  const Document simulated =
      simulated_document({lane_of(Transport::websocket, 3), lane_of(Transport::sse, 2)});
  const Document both =
      with_live_lanes(simulated, trace_of({lane_of(Transport::websocket, 5)}, 1s, "live"));
  REQUIRE(both.trace.lanes.size() == 3);
  CHECK(lane_title(both, 0) == "WebSocket");
  CHECK(lane_title(both, 1) == "WebSocket (live)");
  CHECK(lane_title(both, 2) == "Server-Sent Events");
  CHECK(both.metrics.size() == 3);
  CHECK(both.series.size() == 3);
  CHECK(both.diagram.lanes.size() == 3);
  CHECK(both.file == "chat.json");

  REQUIRE(both.comparison);
  REQUIRE(both.comparison->lanes.size() == 1);
  const sim::LaneComparison& websocket = both.comparison->lanes[0];
  CHECK(websocket.transport == Transport::websocket);
  CHECK(websocket.sim == simulated.metrics[0]);
  CHECK(websocket.live == both.metrics[1]);
  CHECK(websocket.live.bytes.app == 5 * 2);  // five 2-byte frames
  CHECK(both.comparison->only_in_sim == std::vector{Transport::sse});
  CHECK_FALSE(simulated.comparison);
}

TEST_CASE("the selection follows its lane when live lanes are shown and hidden") {
  const Document simulated =
      simulated_document({lane_of(Transport::websocket, 3), lane_of(Transport::sse, 4)});
  const Document both = with_live_lanes(
      simulated,
      trace_of({lane_of(Transport::websocket, 3), lane_of(Transport::sse, 9)}, 1s, "live"));
  ViewState view;
  view.selected = FrameRef{1, 2};  // the simulated SSE lane
  carry_view_over(view, simulated, both);
  CHECK(view.selected == FrameRef{2, 2});  // moved right past the live WebSocket lane
  carry_view_over(view, both, simulated);
  CHECK(view.selected == FrameRef{1, 2});

  view.selected = FrameRef{3, 8};  // the live SSE lane: gone once live lanes are hidden
  carry_view_over(view, both, simulated);
  CHECK_FALSE(view.selected);
}

}  // namespace pushlab::viz
