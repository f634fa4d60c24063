#pragma once
// Naming a frame from outside the window (`pushlab --select`, a lesson's "select"): either
// `LANE:N`, frame N (from 0) of the lane of that transport (`websocket:4`), or text that the
// frame's label begins with (`101` finds `101 Switching Protocols`), lanes taken in order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/trace/trace.hpp"
#include "viz/model/diagram.hpp"

namespace pushlab::viz {

struct FrameRef {
  std::size_t lane = 0;
  std::uint32_t frame = 0;

  friend bool operator==(const FrameRef&, const FrameRef&) = default;
};

// "websocket:4", as the inspector names a frame.
std::string to_string(const sim::Trace& trace, FrameRef ref);

// The frame `name` names, or an error saying why there is none.
struct FrameLookup {
  std::optional<FrameRef> ref;
  std::string error;
};
FrameLookup find_frame(const sim::Trace& trace, const Diagram& diagram, std::string_view name);

}  // namespace pushlab::viz
