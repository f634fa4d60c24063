#include "viz/model/lane_scene.hpp"

#include <algorithm>
#include <cmath>

#include "viz/model/time_format.hpp"

namespace pushlab::viz {

namespace {

constexpr float kNotYetSentAlpha = 0.18f;
constexpr float kLabelBackingAlpha = 0.85f;

// What every part of one lane's scene needs.
struct LaneContext {
  const sim::Lane& lane;
  const LaneDiagram& diagram;
  const TimeAxis& axis;
  const SceneFrame& frame;
  const Painter& measure;

  float y(Nanoseconds time) const { return frame.time_zero_y + axis.y_of(time); }
  float px(float size_at_17) const { return size_at_17 * frame.unit; }
};

bool overlaps(Nanoseconds begin, Nanoseconds end, TimeSpan span) {
  return end >= span.begin && begin <= span.end;
}

// Each connection as a thin bar beside the lifeline at each of its ends, on the side away from
// the other end, for as long as it was open; bars of connections open at once sit side by side.
void add_connection_bars(const LaneContext& c, LaneScene& scene) {
  const LaneLayout& layout = scene.layout;
  for (std::size_t i = 0; i < c.lane.connections.size(); ++i) {
    const sim::Connection& connection = c.lane.connections[i];
    const Nanoseconds closed = connection.closed_at.value_or(c.axis.duration());
    if (!overlaps(connection.opened_at, closed, c.frame.visible)) continue;
    const float offset = c.px(4) * static_cast<float>(1 + i % 6);
    const float top = std::max(c.y(connection.opened_at), c.frame.top);
    const float bottom = std::min(c.y(closed), c.frame.bottom);
    const float from = layout.x_of(connection.from);
    const float to = layout.x_of(connection.to);
    scene.bars.push_back({from + (from > to ? offset : -offset), top, bottom});
    scene.bars.push_back({to + (to > from ? offset : -offset), top, bottom});
  }
}

// A held request: a bracket right of the lifeline of the side that held it, and how long,
// written left of that lifeline, where nothing else is drawn while the request waits.
void add_holds(const LaneContext& c, LaneScene& scene) {
  const Ink ink = Ink::of(FrameColour::http);
  const TimeSpan visible = c.frame.visible;
  float last_label_bottom = -1e9f;  // many clients' holds overlap: their labels must not
  for (const Hold& hold : c.diagram.holds) {
    if (!overlaps(hold.span.begin, hold.span.end, visible)) continue;
    const float holder_x = scene.layout.x_of(c.lane.frames[hold.request].to);
    const float top = c.y(std::max(hold.span.begin, visible.begin));
    const float bottom = c.y(std::min(hold.span.end, visible.end));
    scene.holds.push_back({.x = holder_x + c.px(8),
                           .top = top,
                           .bottom = bottom,
                           .begins = hold.span.begin >= visible.begin,
                           .ends = hold.span.end <= visible.end});
    // Just under the request's arrival, where time runs at true scale: the middle of a long
    // hold is often a compressed break.
    const std::string text = "held " + format_duration(hold.span.end - hold.span.begin);
    const float label_top = std::max(top, c.frame.top) + c.px(4);
    if (label_top < last_label_bottom || label_top > bottom) continue;
    scene.labels.push_back(
        {{holder_x - c.px(6), label_top}, text, ink, Align::right, std::nullopt});
    last_label_bottom = label_top + c.measure.text_size(text).y;
  }
}

// `label` cut with an ellipsis until it is no wider than `limit`; where not even that fits,
// its first letter ("S" for a crowded Server).
std::string fitted(const Painter& measure, std::string label, float limit) {
  if (measure.text_size(label).x <= limit) return label;
  const std::string first = label.substr(0, 1);
  while (label.size() > 4 && measure.text_size(label).x > limit) {
    label.resize(label.size() - 4);
    label += "...";
  }
  return measure.text_size(label).x <= limit ? label : first;
}

// How wide a lifeline's name may be: half the way to each neighbour, both sides.
float room_for_name(const LaneLayout& lane, std::size_t i) {
  float room = lane.width;
  if (i > 0) room = std::min(room, lane.lifelines[i].x - lane.lifelines[i - 1].x);
  if (i + 1 < lane.lifelines.size()) {
    room = std::min(room, lane.lifelines[i + 1].x - lane.lifelines[i].x);
  }
  return room - 6;
}

// An arrow per frame on the wire in the part shown, faint until sent, marked where it is while
// in flight; its label above its middle, unless that would run into the label before it.
void add_arrows(const LaneContext& c, std::size_t lane_index, const SceneFocus& focus,
                LaneScene& scene) {
  visible_arrows(c.lane, c.diagram, scene.layout, c.axis, c.frame.time_zero_y, c.frame.visible,
                 scene.arrows);
  float last_label_bottom = -1e9f;
  const float line = c.measure.text_size("Ag").y;
  for (Arrow& arrow : scene.arrows) {
    const sim::WireFrame& wire = c.lane.frames[arrow.frame];
    const FrameRef ref{lane_index, arrow.frame};
    const bool sent = !focus.now || wire.sent_at <= *focus.now;
    const bool selected = focus.selected == ref;
    const bool hovered = focus.hovered == ref;
    const Ink colour = arrow.ink;  // its layer's, as visible_arrows made it
    arrow.width = c.px(selected ? 3.0f : hovered ? 2.5f : 1.6f);
    // The layer's colour stays in the ink, selected or not: the dot in flight is drawn in it.
    arrow.ink = selected || hovered ? Ink{InkRole::selection, colour.frame, 1}
                : sent              ? colour
                                    : Ink::of(colour.frame, kNotYetSentAlpha);
    if (focus.now) arrow.on_its_way = position_at(arrow, wire, c.diagram, *focus.now);
    const Point middle{(arrow.from.x + arrow.to.x) / 2, (arrow.from.y + arrow.to.y) / 2};
    const float label_top = middle.y - line - 1;
    if (!(sent || selected) || (label_top < last_label_bottom && !selected)) continue;
    scene.labels.push_back(
        {{middle.x, label_top},
         fitted(c.measure, c.diagram.labels[arrow.frame], scene.layout.width - 8),
         colour,
         Align::centre,
         Ink::of(InkRole::lane, kLabelBackingAlpha)});
    last_label_bottom = label_top + line;
  }
}

// True if a time written at page height y would run into a break's own label.
bool near_break(const TimeAxis& axis, float axis_y, float line) {
  const auto& breaks = axis.breaks();
  const auto after = std::lower_bound(
      breaks.begin(), breaks.end(), axis_y - 2 * line,
      [](const AxisBreak& cut, float value) { return cut.y + cut.height < value; });
  return after != breaks.end() && after->y - line < axis_y + line;
}

void add_breaks_and_times(const TimeAxis& axis, const Painter& measure, DiagramScene& scene) {
  const SceneFrame& frame = scene.frame;
  const float line = measure.text_size("Ag").y;
  for (const AxisBreak& cut : axis.breaks()) {
    const float y = frame.time_zero_y + cut.y + cut.height / 2;
    if (y < frame.top || y > frame.bottom) continue;
    scene.breaks.push_back({y,
                            {{frame.lanes_left + 8, y - line / 2},
                             format_duration(cut.span.end - cut.span.begin) + " idle",
                             Ink::of(InkRole::faint_text),
                             Align::left,
                             Ink::of(InkRole::background)}});
  }
  const float step = frame.time_step;
  const float first = frame.time_zero_y + std::floor((frame.top - frame.time_zero_y) / step) * step;
  for (float y = first; y < frame.bottom; y += step) {
    if (y < frame.top || near_break(axis, y - frame.time_zero_y, line)) continue;
    scene.times.push_back({{frame.gutter_left + 4, y},
                           format_time(axis.time_at(y - frame.time_zero_y)),
                           Ink::of(InkRole::faint_text),
                           Align::left,
                           std::nullopt});
  }
}

void paint_text(const SceneText& text, Painter& painter) {
  if (text.backing) {
    const Point size = painter.text_size(text.text);
    const float left = text.align == Align::left     ? text.at.x
                       : text.align == Align::centre ? text.at.x - size.x / 2
                                                     : text.at.x - size.x;
    painter.rect({left - 3, text.at.y - 1}, {left + size.x + 3, text.at.y + size.y + 1},
                 *text.backing);
  }
  painter.text(text.at, text.text, text.ink, text.align);
}

void paint_arrow(const Arrow& arrow, Painter& painter, float unit) {
  painter.line(arrow.from, arrow.to, arrow.ink, arrow.width);
  if (arrow.lost) {
    const float r = 5 * unit;
    const Point at = arrow.to;
    painter.line({at.x - r, at.y - r}, {at.x + r, at.y + r}, arrow.ink, 2.5f);
    painter.line({at.x - r, at.y + r}, {at.x + r, at.y - r}, arrow.ink, 2.5f);
    return;
  }
  const ArrowHead head = arrow_head(arrow, 9 * unit + arrow.width);
  painter.triangle(head.tip, head.left, head.right, arrow.ink);
}

void paint_lane_ground(const LaneScene& lane, const SceneFrame& frame, Painter& painter) {
  const LaneLayout& layout = lane.layout;
  painter.rect({layout.left, frame.top}, {layout.left + layout.width, frame.bottom},
               Ink::of(InkRole::lane));
  for (const Lifeline& lifeline : layout.lifelines) {
    painter.line({lifeline.x, frame.top}, {lifeline.x, frame.bottom}, Ink::of(InkRole::lifeline),
                 1.5f * frame.unit);
  }
  const float half = 1.5f * frame.unit;
  for (const ConnectionBar& bar : lane.bars) {
    painter.rect({bar.x - half, bar.top}, {bar.x + half, bar.bottom}, Ink::of(InkRole::connection));
  }
  const Ink ink = Ink::of(FrameColour::http);
  const float u = frame.unit;
  for (const HoldBracket& hold : lane.holds) {
    const float stem = hold.x + 2 * u;
    if (hold.begins) painter.line({hold.x - 4 * u, hold.top}, {stem, hold.top}, ink, 2 * u);
    painter.line({stem, hold.top}, {stem, hold.bottom}, ink, 2 * u);
    if (hold.ends) painter.line({hold.x - 4 * u, hold.bottom}, {stem, hold.bottom}, ink, 2 * u);
  }
}

}  // namespace

DiagramScene build_scene(const sim::Trace& trace, const Diagram& diagram, const TimeAxis& axis,
                         const SceneFrame& frame, const SceneFocus& focus, const Painter& measure) {
  DiagramScene scene{.frame = frame, .lanes = {}, .breaks = {}, .times = {}};
  const std::vector<LaneLayout> layouts =
      lay_out_lanes(trace, frame.lanes_left, frame.lanes_width, frame.gap);
  for (std::size_t i = 0; i < trace.lanes.size(); ++i) {
    const LaneContext context{trace.lanes[i], diagram.lanes[i], axis, frame, measure};
    LaneScene& lane = scene.lanes.emplace_back();
    lane.layout = layouts[i];
    add_connection_bars(context, lane);
    add_holds(context, lane);
    add_arrows(context, i, focus, lane);
  }
  add_breaks_and_times(axis, measure, scene);
  return scene;
}

void paint_scene(const DiagramScene& scene, Painter& painter) {
  const SceneFrame& frame = scene.frame;
  for (const LaneScene& lane : scene.lanes) paint_lane_ground(lane, frame, painter);
  const Ink zigzag = Ink::of(InkRole::faint_text);
  const float right = frame.lanes_left + frame.lanes_width;
  for (const BreakMark& mark : scene.breaks) {
    for (float x = frame.lanes_left; x + 12 <= right; x += 12) {
      painter.line({x, mark.y - 3}, {x + 6, mark.y + 3}, zigzag, 1);
      painter.line({x + 6, mark.y + 3}, {x + 12, mark.y - 3}, zigzag, 1);
    }
    paint_text(mark.label, painter);
  }
  for (const LaneScene& lane : scene.lanes) {
    for (const Arrow& arrow : lane.arrows) paint_arrow(arrow, painter, frame.unit);
    for (const Arrow& arrow : lane.arrows) {
      if (!arrow.on_its_way) continue;
      painter.circle(*arrow.on_its_way, 5.5f * frame.unit, Ink::of(arrow.ink.frame),
                     Ink::of(InkRole::text));
    }
    for (const SceneText& label : lane.labels) paint_text(label, painter);
  }
  for (const SceneText& time : scene.times) paint_text(time, painter);
}

void paint_lane_headers(const std::vector<LaneLayout>& lanes,
                        const std::vector<std::string>& titles, Painter& painter, float top,
                        float height) {
  const float line = painter.text_size("Ag").y;
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const LaneLayout& lane = lanes[i];
    painter.rect({lane.left, top}, {lane.left + lane.width, top + height}, Ink::of(InkRole::lane));
    painter.text({lane.left + lane.width / 2, top + 4}, fitted(painter, titles[i], lane.width - 4),
                 Ink::of(InkRole::text), Align::centre);
    for (std::size_t l = 0; l < lane.lifelines.size(); ++l) {
      const Lifeline& lifeline = lane.lifelines[l];
      painter.text({lifeline.x, top + 8 + line},
                   fitted(painter, lifeline.name, room_for_name(lane, l)),
                   Ink::of(InkRole::faint_text), Align::centre);
    }
  }
}

std::optional<FrameRef> frame_at(const DiagramScene& scene, Point point, float tolerance) {
  for (std::size_t i = 0; i < scene.lanes.size(); ++i) {
    const LaneLayout& layout = scene.lanes[i].layout;
    if (point.x < layout.left || point.x > layout.left + layout.width) continue;
    if (const auto frame = arrow_at(scene.lanes[i].arrows, point, tolerance)) {
      return FrameRef{i, *frame};
    }
  }
  return std::nullopt;
}

}  // namespace pushlab::viz
