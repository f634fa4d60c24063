// The lane scene checked without a window: what the window and the SVG export both paint.
#include "viz/model/lane_scene.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/sim/transports/transport_test_support.hpp"

namespace pushlab::viz {

namespace {

using namespace sim::testing;
using sim::Direction;
using sim::Transport;

// Text 7 pixels a character and 15 a line; every call kept.
class RecordingPainter final : public Painter {
 public:
  Point text_size(std::string_view text) const override {
    return {7.0f * static_cast<float>(text.size()), 15};
  }
  void line(Point, Point, Ink, float) override { ++lines; }
  void triangle(Point, Point, Point, Ink) override { ++triangles; }
  void rect(Point, Point, Ink) override { ++rects; }
  void circle(Point, float, Ink, Ink) override { ++circles; }
  void text(Point, std::string_view text, Ink, Align) override { texts.emplace_back(text); }

  int lines = 0;
  int triangles = 0;
  int rects = 0;
  int circles = 0;
  std::vector<std::string> texts;
};

struct Built {
  sim::Trace trace;
  Diagram diagram;
  TimeAxis axis;
  DiagramScene scene;
};

SceneFrame frame_over(const TimeAxis& axis, TimeSpan visible) {
  return {.gutter_left = 0,
          .lanes_left = 80,
          .lanes_width = 600,
          .gap = 10,
          .time_zero_y = 100 - axis.y_of(visible.begin),
          .top = 100,
          .bottom = 100 + axis.y_of(visible.end) - axis.y_of(visible.begin),
          .visible = visible,
          .unit = 1,
          .time_step = 60};
}

Built build(const sim::Scenario& scenario, TimeSpan visible, const SceneFocus& focus = {}) {
  Built built{sim::simulate(scenario), {}, {}, {}};
  built.diagram = build_diagram(built.trace);
  built.axis = TimeAxis(built.diagram.busy, built.trace.duration,
                        {.pixels_per_second = 1000, .compress_idle = false});
  RecordingPainter measure;
  built.scene = build_scene(built.trace, built.diagram, built.axis, frame_over(built.axis, visible),
                            focus, measure);
  return built;
}

}  // namespace

TEST_CASE("scene: a held long poll is bracketed beside the server and says how long") {
  sim::Scenario scenario = basic_scenario(Transport::long_poll, 10s);
  add_at(scenario, Direction::server_to_client, {4s});
  const Built built = build(scenario, {0s, 10s});
  const LaneScene& lane = built.scene.lanes.at(0);
  const float server_x = lane.layout.lifelines.back().x;
  REQUIRE_FALSE(lane.holds.empty());
  const HoldBracket& hold = lane.holds.front();
  CHECK(hold.x > server_x);
  CHECK(hold.begins);
  CHECK(hold.ends);
  CHECK(hold.bottom - hold.top > 3000);  // held from about 0.2 s to 4 s, at 1000 px/s
  const auto label = std::find_if(lane.labels.begin(), lane.labels.end(),
                                  [](const SceneText& t) { return t.text.starts_with("held "); });
  REQUIRE(label != lane.labels.end());
  CHECK(label->align == Align::right);
  CHECK(label->at.x < server_x);
  CHECK(label->at.y >= hold.top);
  // Every connection shows as a bar at each of its two ends, within the part shown.
  CHECK(lane.bars.size() == 2 * built.trace.lanes[0].connections.size());
  for (const ConnectionBar& bar : lane.bars) {
    CHECK(bar.top >= built.scene.frame.top);
    CHECK(bar.bottom <= built.scene.frame.bottom);
  }
}

TEST_CASE("scene: a hold that runs off the part shown has no end there") {
  sim::Scenario scenario = basic_scenario(Transport::long_poll, 10s);
  add_at(scenario, Direction::server_to_client, {4s});
  const Built built = build(scenario, {1s, 2s});
  const LaneScene& lane = built.scene.lanes.at(0);
  REQUIRE(lane.holds.size() == 1);
  CHECK_FALSE(lane.holds[0].begins);
  CHECK_FALSE(lane.holds[0].ends);
  CHECK(lane.arrows.empty());  // nothing on the wire while the request waits
}

TEST_CASE("scene: labels never run into one another; the selected one is shown anyway") {
  sim::Scenario scenario = basic_scenario(Transport::websocket, 3s);
  add_periodic(scenario, Direction::server_to_client, 2ms, 1s);  // far more than fit
  const TimeSpan visible{1s, 1100ms};
  const Built crowded = build(scenario, visible);
  const LaneScene& lane = crowded.scene.lanes.at(0);
  REQUIRE(lane.arrows.size() > 20);
  CHECK(lane.labels.size() < lane.arrows.size());
  CHECK_FALSE(lane.labels.empty());
  for (std::size_t i = 1; i < lane.labels.size(); ++i) {
    CHECK(lane.labels[i].at.y >= lane.labels[i - 1].at.y + 15);
  }
  // Select an arrow whose label was culled: its label appears, in the frame's colour.
  const std::uint32_t culled = lane.arrows[1].frame;
  const Built selected =
      build(scenario, visible, {.now = {}, .selected = FrameRef{0, culled}, .hovered = {}});
  const LaneScene& chosen = selected.scene.lanes.at(0);
  const auto arrow = std::find_if(chosen.arrows.begin(), chosen.arrows.end(),
                                  [&](const Arrow& a) { return a.frame == culled; });
  REQUIRE(arrow != chosen.arrows.end());
  CHECK(arrow->ink.role == InkRole::selection);
  CHECK(arrow->width > 1.6f);
  CHECK(chosen.labels.size() == lane.labels.size() + 1);
}

TEST_CASE("scene: at the playhead, later frames are faint and unlabelled, one in flight marked") {
  sim::Scenario scenario = basic_scenario(Transport::websocket, 3s);
  add_at(scenario, Direction::server_to_client, {1s, 2s});
  const Built built = build(scenario, {0s, 3s}, {.now = 1025ms, .selected = {}, .hovered = {}});
  const LaneScene& lane = built.scene.lanes.at(0);
  const sim::Lane& trace_lane = built.trace.lanes[0];
  int in_flight = 0;
  for (const Arrow& arrow : lane.arrows) {
    const bool later = trace_lane.frames[arrow.frame].sent_at > 1025ms;
    CHECK((arrow.ink.alpha < 1) == later);
    if (arrow.on_its_way) ++in_flight;
  }
  CHECK(in_flight == 1);  // the message sent at 1 s, halfway over
  CHECK(std::none_of(lane.labels.begin(), lane.labels.end(), [](const SceneText& label) {
    return label.text.starts_with("WS text \"#1");
  }));
}

TEST_CASE("scene: painted, every arrow has its head or cross, every label and time its text") {
  sim::Scenario scenario = basic_scenario(Transport::short_poll, 5s);
  scenario.network.loss = 0.3;
  add_at(scenario, Direction::server_to_client, {1s, 2s, 3s});
  const Built built = build(scenario, {0s, 5s});
  RecordingPainter painter;
  paint_scene(built.scene, painter);
  std::size_t heads = 0;
  std::size_t crosses = 0;
  std::size_t texts = built.scene.times.size();
  for (const LaneScene& lane : built.scene.lanes) {
    for (const Arrow& arrow : lane.arrows) (arrow.lost ? crosses : heads) += 1;
    texts += lane.labels.size();
  }
  texts += built.scene.breaks.size();
  CHECK(crosses > 0);
  CHECK(painter.triangles == static_cast<int>(heads));
  CHECK(painter.texts.size() == texts);
  CHECK(std::find(painter.texts.begin(), painter.texts.end(), "0 s") != painter.texts.end());
}

TEST_CASE("scene: a click finds the frame under it, in its lane") {
  sim::Scenario scenario = basic_scenario(Transport::short_poll, 5s);
  scenario.lanes = {Transport::short_poll, Transport::websocket};
  add_at(scenario, Direction::server_to_client, {1s});
  const Built built = build(scenario, {0s, 5s});
  const Arrow& arrow = built.scene.lanes.at(1).arrows.at(0);
  const Point middle{(arrow.from.x + arrow.to.x) / 2, (arrow.from.y + arrow.to.y) / 2};
  CHECK(frame_at(built.scene, middle, 6) == FrameRef{1, arrow.frame});
  CHECK_FALSE(frame_at(built.scene, {middle.x, middle.y + 500}, 6));
}

TEST_CASE("scene: a frame between a balancer and the second server runs between their lifelines") {
  sim::Trace trace;
  trace.duration = 1s;
  sim::Lane& lane = trace.lanes.emplace_back();
  lane.endpoints = {{sim::EndpointRole::client, "client 1"},
                    {sim::EndpointRole::load_balancer, "balancer"},
                    {sim::EndpointRole::server, "server 1"},
                    {sim::EndpointRole::server, "server 2"}};
  lane.connections.push_back(
      {.from = 1, .to = 3, .tls = false, .opened_at = 0ms, .closed_at = 500ms});
  sim::WireFrame frame;
  frame.from = 1;
  frame.to = 3;
  frame.connection = 0;
  frame.layer = sim::Layer::http;
  frame.kind = "request";
  frame.sent_at = 100ms;
  frame.received_at = 150ms;
  lane.frames.push_back(frame);
  const Diagram diagram = build_diagram(trace);
  const TimeAxis axis(diagram.busy, trace.duration, {.compress_idle = false});
  RecordingPainter measure;
  const DiagramScene scene =
      build_scene(trace, diagram, axis, frame_over(axis, {0s, 1s}), {}, measure);
  const LaneLayout& layout = scene.lanes.at(0).layout;
  REQUIRE(layout.lifelines.size() == 4);
  const Arrow& arrow = scene.lanes[0].arrows.at(0);
  CHECK(arrow.from.x == layout.lifelines[1].x);
  CHECK(arrow.to.x == layout.lifelines[3].x);
  // The balancer's bar on its left, the server's on its right: outside the span they link.
  REQUIRE(scene.lanes[0].bars.size() == 2);
  CHECK(scene.lanes[0].bars[0].x < layout.lifelines[1].x);
  CHECK(scene.lanes[0].bars[1].x > layout.lifelines[3].x);
}

}  // namespace pushlab::viz
