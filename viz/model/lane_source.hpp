#pragma once
// Whose run a lane of the window comes from: the simulator's, or a live run's shown beside it.

#include <string>

#include "sim/scenario/transport.hpp"

namespace pushlab::viz {

enum class LaneSource { simulated, live };

// "Server-Sent Events", "Server-Sent Events (live)"; shortened: "SSE (live)".
inline std::string lane_title(sim::Transport transport, LaneSource source, bool shortened = false) {
  std::string title(shortened ? sim::info(transport).short_title : sim::info(transport).title);
  return source == LaneSource::live ? title + " (live)" : title;
}

}  // namespace pushlab::viz
