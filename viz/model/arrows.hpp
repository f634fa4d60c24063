#pragma once
// The arrows of one lane's sequence diagram: a frame is an arrow from where and when it was sent
// to where and when it arrived, so latency shows as slope. Only the arrows that cross the part
// of the run on screen are made (a lane can hold tens of thousands of frames).

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/trace/trace.hpp"
#include "viz/model/diagram.hpp"
#include "viz/model/lane_layout.hpp"
#include "viz/model/painter.hpp"
#include "viz/model/point.hpp"
#include "viz/model/time_axis.hpp"

namespace pushlab::viz {

struct Arrow {
  std::uint32_t frame = 0;  // index in the lane
  Point from;
  Point to;  // the arrival, or for a lost frame the point where it was lost (a cross)
  bool lost = false;
  // How it is painted, chosen by the lane scene (viz/model/lane_scene.hpp).
  Ink ink;
  float width = 1.6f;
  std::optional<Point> on_its_way;  // where the frame is at the playhead, if it is in flight
};

// An arrow's head: its tip at the arrival and the two corners of its base, `size` back along it.
struct ArrowHead {
  Point tip;
  Point left;
  Point right;
};
ArrowHead arrow_head(const Arrow& arrow, float size);

// Appends to `arrows` the arrows of every frame on the wire at some time within `window`, in
// the coordinates of `layout` across and, down, of the axis shifted so that its 0 is at `top`.
void visible_arrows(const sim::Lane& lane, const LaneDiagram& diagram, const LaneLayout& layout,
                    const TimeAxis& axis, float top, TimeSpan window, std::vector<Arrow>& arrows);

// Where the frame of `arrow` is at `time`, if it is on its way then.
std::optional<Point> position_at(const Arrow& arrow, const sim::WireFrame& frame,
                                 const LaneDiagram& diagram, Nanoseconds time);

// The frame whose arrow passes nearest `point`, if one passes within `tolerance` pixels.
std::optional<std::uint32_t> arrow_at(const std::vector<Arrow>& arrows, Point point,
                                      float tolerance);

}  // namespace pushlab::viz
