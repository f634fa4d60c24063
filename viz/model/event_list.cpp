#include "viz/model/event_list.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace pushlab::viz {

namespace {

bool contains_ignoring_case(std::string_view text, std::string_view part) {
  const auto equal = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  return std::search(text.begin(), text.end(), part.begin(), part.end(), equal) != text.end();
}

const sim::WireFrame& frame_of(const sim::Trace& trace, FrameRef ref) {
  return trace.lanes[ref.lane].frames[ref.frame];
}

}  // namespace

std::vector<FrameRef> list_events(const sim::Trace& trace, const Diagram& diagram,
                                  const EventFilter& filter) {
  std::vector<FrameRef> events;
  for (std::size_t lane = 0; lane < trace.lanes.size(); ++lane) {
    if (lane < filter.lanes.size() && !filter.lanes[lane]) continue;
    const auto& frames = trace.lanes[lane].frames;
    for (std::uint32_t i = 0; i < frames.size(); ++i) {
      if (!filter.layers[static_cast<std::size_t>(frames[i].layer)]) continue;
      if (!filter.text.empty() &&
          !contains_ignoring_case(diagram.lanes[lane].labels[i], filter.text) &&
          !contains_ignoring_case(frames[i].kind, filter.text)) {
        continue;
      }
      events.push_back({lane, i});
    }
  }
  // Each lane's frames are already in send order: a stable sort by time keeps lanes in order
  // among equal times, and frames in order within a lane.
  std::stable_sort(events.begin(), events.end(), [&](FrameRef a, FrameRef b) {
    return frame_of(trace, a).sent_at < frame_of(trace, b).sent_at;
  });
  return events;
}

std::size_t first_event_from(const sim::Trace& trace, const std::vector<FrameRef>& events,
                             sim::Nanoseconds time) {
  const auto first = std::lower_bound(
      events.begin(), events.end(), time,
      [&](FrameRef ref, sim::Nanoseconds t) { return frame_of(trace, ref).sent_at < t; });
  return static_cast<std::size_t>(first - events.begin());
}

}  // namespace pushlab::viz
