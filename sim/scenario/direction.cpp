#include "sim/scenario/direction.hpp"

namespace pushlab::sim {

std::string_view to_string(Direction direction) {
  switch (direction) {
    case Direction::server_to_client:
      return "server-to-client";
    case Direction::client_to_server:
      return "client-to-server";
  }
  return "unknown";  // only reachable through a cast from an out-of-range integer
}

std::optional<Direction> parse_direction(std::string_view name) {
  for (const Direction direction : kAllDirections) {
    if (to_string(direction) == name) return direction;
  }
  return std::nullopt;
}

}  // namespace pushlab::sim
