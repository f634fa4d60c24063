#include "viz/model/arrows.hpp"

#include <algorithm>
#include <cmath>

namespace pushlab::viz {

namespace {

// A lost frame's arrow stops this far across, where the cross is drawn.
constexpr float kLostFraction = 0.45f;

float distance_squared_to_segment(Point p, Point a, Point b) {
  const float dx = b.x - a.x;
  const float dy = b.y - a.y;
  const float length_squared = dx * dx + dy * dy;
  float t = length_squared > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared : 0;
  t = std::clamp(t, 0.0f, 1.0f);
  const float ex = a.x + t * dx - p.x;
  const float ey = a.y + t * dy - p.y;
  return ex * ex + ey * ey;
}

}  // namespace

ArrowHead arrow_head(const Arrow& arrow, float size) {
  const float dx = arrow.to.x - arrow.from.x;
  const float dy = arrow.to.y - arrow.from.y;
  const float length = std::max(1.0f, std::sqrt(dx * dx + dy * dy));
  const Point along{dx / length, dy / length};
  const Point across{-along.y, along.x};
  const Point base{arrow.to.x - along.x * size, arrow.to.y - along.y * size};
  const float half_width = size * 0.45f;
  return {arrow.to,
          {base.x + across.x * half_width, base.y + across.y * half_width},
          {base.x - across.x * half_width, base.y - across.y * half_width}};
}

void visible_arrows(const sim::Lane& lane, const LaneDiagram& diagram, const LaneLayout& layout,
                    const TimeAxis& axis, float top, TimeSpan window, std::vector<Arrow>& arrows) {
  // Frames are in the order they were sent, and none is on the wire longer than the longest
  // flight (or half a typical one, lost): the first that can reach the window is found by
  // bisection.
  const Nanoseconds reach = std::max(diagram.longest_flight, diagram.typical_flight);
  const auto first = std::lower_bound(
      lane.frames.begin(), lane.frames.end(), window.begin - reach,
      [](const sim::WireFrame& frame, Nanoseconds time) { return frame.sent_at < time; });
  for (auto it = first; it != lane.frames.end() && it->sent_at <= window.end; ++it) {
    const sim::WireFrame& frame = *it;
    const Nanoseconds end = arrow_end_time(frame, diagram);
    if (end < window.begin) continue;
    const float from_x = layout.x_of(frame.from);
    float to_x = layout.x_of(frame.to);
    if (frame.lost()) to_x = from_x + (to_x - from_x) * kLostFraction;
    const auto index = static_cast<std::uint32_t>(it - lane.frames.begin());
    arrows.push_back({.frame = index,
                      .from = {from_x, top + axis.y_of(frame.sent_at)},
                      .to = {to_x, top + axis.y_of(end)},
                      .lost = frame.lost(),
                      .ink = Ink::of(diagram.colours[index]),
                      .width = 1.6f,
                      .on_its_way = {}});
  }
}

std::optional<Point> position_at(const Arrow& arrow, const sim::WireFrame& frame,
                                 const LaneDiagram& diagram, Nanoseconds time) {
  const Nanoseconds end = arrow_end_time(frame, diagram);
  if (time < frame.sent_at || time >= end) return std::nullopt;
  const float t = static_cast<float>(static_cast<double>((time - frame.sent_at).count()) /
                                     static_cast<double>((end - frame.sent_at).count()));
  return Point{arrow.from.x + t * (arrow.to.x - arrow.from.x),
               arrow.from.y + t * (arrow.to.y - arrow.from.y)};
}

std::optional<std::uint32_t> arrow_at(const std::vector<Arrow>& arrows, Point point,
                                      float tolerance) {
  std::optional<std::uint32_t> nearest;
  float best = tolerance * tolerance;
  for (const Arrow& arrow : arrows) {
    const float distance = distance_squared_to_segment(point, arrow.from, arrow.to);
    if (distance <= best) {
      best = distance;
      nearest = arrow.frame;
    }
  }
  return nearest;
}

}  // namespace pushlab::viz
