#include "viz/model/frame_ref.hpp"

#include <charconv>

namespace pushlab::viz {

namespace {

std::optional<std::size_t> lane_named(const sim::Trace& trace, std::string_view id) {
  for (std::size_t i = 0; i < trace.lanes.size(); ++i) {
    if (trace.lanes[i].id == id) return i;
  }
  return std::nullopt;
}

FrameLookup by_number(const sim::Trace& trace, std::string_view lane_name,
                      std::string_view number) {
  const auto lane = lane_named(trace, lane_name);
  if (!lane) return {{}, "the run has no " + std::string(lane_name) + " lane"};
  std::uint32_t frame = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), frame);
  if (error != std::errc{} || end != number.data() + number.size()) {
    return {{}, "\"" + std::string(number) + "\" is not a frame number"};
  }
  const std::size_t count = trace.lanes[*lane].frames.size();
  if (frame >= count) {
    return {{},
            "the " + std::string(lane_name) + " lane has frames 0 to " + std::to_string(count - 1) +
                ", not " + std::string(number)};
  }
  return {FrameRef{*lane, frame}, {}};
}

FrameLookup by_label(const Diagram& diagram, std::string_view text) {
  for (std::size_t lane = 0; lane < diagram.lanes.size(); ++lane) {
    const auto& labels = diagram.lanes[lane].labels;
    for (std::uint32_t frame = 0; frame < labels.size(); ++frame) {
      if (labels[frame].starts_with(text)) return {FrameRef{lane, frame}, {}};
    }
  }
  return {{}, "no frame's label begins with \"" + std::string(text) + "\""};
}

}  // namespace

std::string to_string(const sim::Trace& trace, FrameRef ref) {
  return trace.lanes.at(ref.lane).id + ":" + std::to_string(ref.frame);
}

FrameLookup find_frame(const sim::Trace& trace, const Diagram& diagram, std::string_view name) {
  const std::size_t colon = name.find(':');
  // "<lane>:<number>", where the lane is one of the run's or a transport (which it may lack).
  const auto names_lane = [&](std::string_view lane) {
    return lane_named(trace, lane) || sim::parse_transport(lane);
  };
  if (colon != std::string_view::npos && names_lane(name.substr(0, colon))) {
    return by_number(trace, name.substr(0, colon), name.substr(colon + 1));
  }
  if (name.empty()) return {{}, "an empty frame name"};
  return by_label(diagram, name);
}

}  // namespace pushlab::viz
