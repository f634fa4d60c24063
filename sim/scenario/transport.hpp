#pragma once
// The four ways a server pushes data to a browser, as a scenario names them.

#include <array>
#include <optional>
#include <string_view>

namespace pushlab::sim {

enum class Transport { short_poll, long_poll, websocket, sse };

inline constexpr std::array<Transport, 4> kAllTransports = {
    Transport::short_poll, Transport::long_poll, Transport::websocket, Transport::sse};

// The JSON name: "short-poll", "long-poll", "websocket", "sse".
std::string_view to_string(Transport transport);

// The transport with that JSON name, if any (exact, case-sensitive).
std::optional<Transport> parse_transport(std::string_view name);

}  // namespace pushlab::sim
