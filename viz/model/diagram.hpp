#pragma once
// What the sequence diagrams need from a Trace and that does not change while it plays, worked
// out once: each frame's label and colour, each lane's flight times (for culling and for drawing
// a lost frame), the requests a server held, and the moments at which anything happens.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/trace/trace.hpp"
#include "viz/model/frame_label.hpp"
#include "viz/model/time_axis.hpp"

namespace pushlab::viz {

// A request the server held before answering: a long poll waiting for a message.
struct Hold {
  std::uint32_t request = 0;  // frame indices in the lane
  std::uint32_t response = 0;
  TimeSpan span;  // from the request's arrival to the response's departure
};

struct LaneDiagram {
  std::vector<std::string> labels;  // one per frame
  std::vector<FrameColour> colours;
  Nanoseconds longest_flight{0};
  Nanoseconds typical_flight{0};  // the median, drawn for a frame that was lost
  std::vector<Hold> holds;
};

struct Diagram {
  std::vector<LaneDiagram> lanes;
  std::vector<TimeSpan> busy;        // every frame's flight, for idle compression
  std::vector<Nanoseconds> moments;  // every send and arrival, sorted, once each
};

// A server's wait shorter than this is processing, not a hold.
inline constexpr Nanoseconds kShortestHold = std::chrono::milliseconds{1};

Diagram build_diagram(const sim::Trace& trace);

// Where a frame's arrow ends: its arrival, or for a lost frame where it was lost.
Nanoseconds arrow_end_time(const sim::WireFrame& frame, const LaneDiagram& lane);

// The first moment after `time` (or the last one), and the last before it (or 0).
Nanoseconds next_moment(const Diagram& diagram, Nanoseconds time);
Nanoseconds previous_moment(const Diagram& diagram, Nanoseconds time);

}  // namespace pushlab::viz
