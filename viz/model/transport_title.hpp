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

}  // namespace pushlab::viz
