#pragma once
// Every frame of every lane in one list, in the order they were sent, filtered by lane, layer
// and a piece of text (a label or a kind: "GET", "101", "ping"); and where in that list the
// playhead stands, so the list keeps in step with the diagrams.

#include <array>
#include <string>
#include <vector>

#include "sim/trace/trace.hpp"
#include "viz/model/diagram.hpp"
#include "viz/model/frame_ref.hpp"

namespace pushlab::viz {

struct EventFilter {
  std::vector<bool> lanes;  // one per lane; a missing entry shows the lane
  std::array<bool, sim::kAllLayers.size()> layers{true, true, true, true, true, true};
  std::string text;  // in the label or the kind, ignoring case; empty matches all

  friend bool operator==(const EventFilter&, const EventFilter&) = default;
};

// The frames that pass the filter, by send time (then lane, then order within the lane).
std::vector<FrameRef> list_events(const sim::Trace& trace, const Diagram& diagram,
                                  const EventFilter& filter);

// The index of the first event sent at or after `time` (events.size() if none).
std::size_t first_event_from(const sim::Trace& trace, const std::vector<FrameRef>& events,
                             sim::Nanoseconds time);

}  // namespace pushlab::viz
