#pragma once
// Which way an application message travels.

#include <array>
#include <optional>
#include <string_view>

namespace pushlab::sim {

enum class Direction { server_to_client, client_to_server };

inline constexpr std::array<Direction, 2> kAllDirections = {Direction::server_to_client,
                                                            Direction::client_to_server};

// The JSON name: "server-to-client", "client-to-server".
std::string_view to_string(Direction direction);

// The direction with that JSON name, if any (exact, case-sensitive).
std::optional<Direction> parse_direction(std::string_view name);

}  // namespace pushlab::sim
