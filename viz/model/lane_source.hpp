#pragma once
// Whose run a lane of the window comes from: the simulator's, or a live run's shown beside it.

#include <string>

#include "viz/model/transport_title.hpp"

namespace pushlab::viz {

enum class LaneSource { simulated, live };

// "Server-Sent Events", "Server-Sent Events (live)"; shortened: "SSE (live)".
inline std::string lane_title(sim::Transport transport, LaneSource source, bool shortened = false) {
  std::string title(shortened ? short_transport_title(transport) : transport_title(transport));
  return source == LaneSource::live ? title + " (live)" : title;
}

}  // namespace pushlab::viz
