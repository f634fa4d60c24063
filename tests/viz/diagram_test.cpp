// Labels, colours, holds and arrows, checked on lanes the simulator makes.
#include "viz/model/diagram.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/sim/transports/transport_test_support.hpp"
#include "viz/model/arrows.hpp"

namespace pushlab::viz {

namespace {

using namespace sim::testing;
using sim::Direction;
using sim::Transport;

sim::Trace trace_of(const sim::Scenario& scenario) {
  return sim::simulate(scenario);
}

Nanoseconds frame_sent(const sim::Trace& trace, const Arrow& arrow) {
  return trace.lanes[0].frames[arrow.frame].sent_at;
}

bool has_label(const LaneDiagram& lane, const std::string& label) {
  return std::find(lane.labels.begin(), lane.labels.end(), label) != lane.labels.end();
}

}  // namespace

TEST_CASE("a WebSocket lane reads as a person would say it") {
  sim::Scenario scenario = basic_scenario(Transport::websocket, 3s);
  add_at(scenario, Direction::server_to_client, {1s}, 2);
  add_at(scenario, Direction::client_to_server, {2s}, 2);
  const sim::Trace trace = trace_of(scenario);
  const Diagram diagram = build_diagram(trace);
  const LaneDiagram& lane = diagram.lanes.at(0);
  CHECK(lane.labels.front() == "SYN");
  CHECK(has_label(lane, "GET /ws"));
  CHECK(has_label(lane, "101 Switching Protocols"));
  // The server's frame: 2 bytes of header; the client's: 6 (it masks).
  const auto server_text =
      std::find_if(lane.labels.begin(), lane.labels.end(),
                   [](const std::string& l) { return l.starts_with("WS text"); });
  REQUIRE(server_text != lane.labels.end());
  CHECK(server_text->ends_with("(2+2 B)"));
  CHECK(std::count_if(lane.labels.begin(), lane.labels.end(), [](const std::string& l) {
          return l.starts_with("WS text") && l.ends_with("(6+2 B)");
        }) == 1);
  CHECK(has_label(lane, "WS close 1000 (6+2 B)"));
  CHECK(lane.colours.front() == FrameColour::tcp);
}

TEST_CASE("a long poll held until a message is one hold of that length") {
  sim::Scenario scenario = basic_scenario(Transport::long_poll, 10s);
  scenario.long_poll.timeout = 30s;
  add_at(scenario, Direction::server_to_client, {4s});
  const sim::Trace trace = trace_of(scenario);
  const Diagram diagram = build_diagram(trace);
  const LaneDiagram& lane = diagram.lanes.at(0);
  REQUIRE_FALSE(lane.holds.empty());
  const Hold& first = lane.holds.front();
  // Asked at 0.1 s (after the handshake), arrived 0.15 s, answered when the message came at 4 s.
  CHECK(ms(first.span.begin) == doctest::Approx(150));
  CHECK(ms(first.span.end) == doctest::Approx(4000));
  CHECK(lane.labels[first.request] == "GET /lp");
  CHECK(lane.labels[first.response].starts_with("200 OK ("));
  CHECK(ms(lane.typical_flight) == doctest::Approx(50));
}

TEST_CASE("a 504 from the proxy is drawn as an error") {
  sim::Scenario scenario = basic_scenario(Transport::long_poll, 20s);
  scenario.long_poll.timeout = 30s;
  scenario.proxy.enabled = true;
  scenario.proxy.max_request_time = 10s;
  const Diagram diagram = build_diagram(trace_of(scenario));
  const LaneDiagram& lane = diagram.lanes.at(0);
  bool found = false;
  for (std::size_t i = 0; i < lane.labels.size(); ++i) {
    if (lane.labels[i].starts_with("504 Gateway Timeout")) {
      CHECK(lane.colours[i] == FrameColour::error);
      found = true;
    }
  }
  CHECK(found);
}

TEST_CASE("moments step from one send or arrival to the next") {
  sim::Scenario scenario = basic_scenario(Transport::websocket, 2s);
  const Diagram diagram = build_diagram(trace_of(scenario));
  CHECK(next_moment(diagram, 0ms) == 50ms);  // the SYN arrives
  CHECK(next_moment(diagram, 50ms) == 100ms);
  CHECK(previous_moment(diagram, 100ms) == 50ms);
  CHECK(previous_moment(diagram, 0ms) == 0ms);
  CHECK(next_moment(diagram, 1h) == 1h);
}

TEST_CASE("only arrows that cross the window are made, and a click finds the nearest") {
  sim::Scenario scenario = basic_scenario(Transport::short_poll, 10s);
  scenario.short_poll.interval = 1s;
  const sim::Trace trace = trace_of(scenario);
  const Diagram diagram = build_diagram(trace);
  const TimeAxis axis({}, trace.duration, {.pixels_per_second = 1000, .compress_idle = false});
  const LaneLayout layout = lay_out_lane(trace.lanes[0], 0, 500);
  std::vector<Arrow> arrows;
  // 3.00 s to 3.20 s: the poll sent at 3.1 s (request and response), nothing else.
  visible_arrows(trace.lanes[0], diagram.lanes[0], layout, axis, 100, {3000ms, 3200ms}, arrows);
  REQUIRE(arrows.size() == 2);
  for (const Arrow& arrow : arrows) {
    const sim::WireFrame& frame = trace.lanes[0].frames[arrow.frame];
    CHECK(frame.sent_at <= 3200ms);
    CHECK(*frame.received_at >= 3000ms);
  }
  const Arrow& request = arrows[0];
  CHECK(request.from.x == layout.lifelines.front().x);
  CHECK(request.to.x == layout.lifelines.back().x);
  CHECK(request.to.y - request.from.y == doctest::Approx(50));  // 50 ms at 1000 px/s
  CHECK(request.from.y == doctest::Approx(100 + axis.y_of(frame_sent(trace, request))));
  // Halfway through its flight, the request is halfway across.
  const sim::WireFrame& frame = trace.lanes[0].frames[request.frame];
  const auto dot = position_at(request, frame, diagram.lanes[0], frame.sent_at + 25ms);
  REQUIRE(dot);
  CHECK(dot->x == doctest::Approx((layout.lifelines.front().x + layout.lifelines.back().x) / 2));
  CHECK_FALSE(position_at(request, frame, diagram.lanes[0], frame.sent_at + 60ms));
  // A click 3 px off the middle of the request's arrow selects it; one 40 px off, nothing.
  const Point middle{(request.from.x + request.to.x) / 2, (request.from.y + request.to.y) / 2};
  CHECK(arrow_at(arrows, {middle.x, middle.y + 3}, 6) == request.frame);
  CHECK_FALSE(arrow_at(arrows, {middle.x, middle.y + 40}, 6));
}

TEST_CASE("a lost frame's arrow stops partway, where its cross is drawn") {
  sim::Scenario scenario = basic_scenario(Transport::websocket, 10s);
  scenario.network.loss = 0.5;
  add_periodic(scenario, Direction::server_to_client, 500ms, 1s);
  const sim::Trace trace = trace_of(scenario);
  const Diagram diagram = build_diagram(trace);
  const TimeAxis axis({}, trace.duration, {.pixels_per_second = 1000, .compress_idle = false});
  const LaneLayout layout = lay_out_lane(trace.lanes[0], 0, 500);
  std::vector<Arrow> arrows;
  visible_arrows(trace.lanes[0], diagram.lanes[0], layout, axis, 0, {0s, trace.duration}, arrows);
  const auto lost =
      std::find_if(arrows.begin(), arrows.end(), [](const Arrow& a) { return a.lost; });
  REQUIRE(lost != arrows.end());
  CHECK(diagram.lanes[0].colours[lost->frame] == FrameColour::error);
  const float across = std::abs(lost->to.x - lost->from.x);
  CHECK(across < 0.5f * (layout.lifelines.back().x - layout.lifelines.front().x));
  CHECK(across > 0);
}

}  // namespace pushlab::viz
