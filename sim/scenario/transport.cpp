#include "sim/scenario/transport.hpp"

namespace pushlab::sim {

std::string_view to_string(Transport transport) {
  switch (transport) {
    case Transport::short_poll:
      return "short-poll";
    case Transport::long_poll:
      return "long-poll";
    case Transport::websocket:
      return "websocket";
    case Transport::sse:
      return "sse";
  }
  return "unknown";  // only reachable through a cast from an out-of-range integer
}

std::optional<Transport> parse_transport(std::string_view name) {
  for (const Transport transport : kAllTransports) {
    if (to_string(transport) == name) return transport;
  }
  return std::nullopt;
}

}  // namespace pushlab::sim
