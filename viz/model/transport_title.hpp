#pragma once
// A lane's title, as a teacher would write it on the board.

#include <string_view>

#include "sim/scenario/transport.hpp"

namespace pushlab::viz {

constexpr std::string_view transport_title(sim::Transport transport) {
  switch (transport) {
    case sim::Transport::short_poll:
      return "Short polling";
    case sim::Transport::long_poll:
      return "Long polling";
    case sim::Transport::websocket:
      return "WebSocket";
    case sim::Transport::sse:
      return "Server-Sent Events";
  }
  return "?";
}

// The same, where a lane is narrow (a live lane beside each simulated one halves them all).
constexpr std::string_view short_transport_title(sim::Transport transport) {
  switch (transport) {
    case sim::Transport::short_poll:
      return "Short poll";
    case sim::Transport::long_poll:
      return "Long poll";
    case sim::Transport::websocket:
      return "WebSocket";
    case sim::Transport::sse:
      return "SSE";
  }
  return "?";
}

}  // namespace pushlab::viz
