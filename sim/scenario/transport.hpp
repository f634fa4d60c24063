#pragma once
// The ways a server pushes data to a browser, each described by one row of `kTransports`:
// every name, title, CLI choice, error text, lesson choice, endpoint path and random-stream
// identity is read from that row. Behaviour (the simulator's models, the live clients) is
// chosen by switches on `Transport`, whose missing cases the compiler flags.
//
// Adding a transport: an enumerator, a row here (the static_asserts below check its place and
// its stream id), then the switches the compiler points to.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pushlab::sim {

enum class Transport { short_poll, long_poll, websocket, sse, engine_io };

struct TransportInfo {
  Transport transport;
  std::string_view name;         // in JSON and on the command line: "short-poll"
  std::string_view title;        // a lane's title, as a teacher writes it on the board
  std::string_view short_title;  // where a lane is narrow (a live lane beside each simulated one)
  // Which of the seed's random streams the lane's network and transport draw from. Fixed
  // forever: a new transport takes a new number, so that no recorded Trace moves.
  std::uint64_t stream_id;
  std::string_view path;  // the endpoint the browser asks for its messages ("/poll")
};

// In display order: lanes are shown as this table lists them.
inline constexpr std::array kTransports = {
    TransportInfo{Transport::short_poll, "short-poll", "Short polling", "Short poll", 0, "/poll"},
    TransportInfo{Transport::long_poll, "long-poll", "Long polling", "Long poll", 1, "/lp"},
    TransportInfo{Transport::websocket, "websocket", "WebSocket", "WebSocket", 2, "/ws"},
    TransportInfo{Transport::sse, "sse", "Server-Sent Events", "SSE", 3, "/events"},
    TransportInfo{Transport::engine_io, "engine.io", "Socket.IO (Engine.IO v4)", "Socket.IO", 4,
                  "/engine.io/"},
};

namespace detail {
// Row i describes the enumerator of value i, and no two rows share a stream.
constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < kTransports.size(); ++i) {
    if (static_cast<std::size_t>(kTransports[i].transport) != i) return false;
    for (std::size_t j = 0; j < i; ++j) {
      if (kTransports[j].stream_id == kTransports[i].stream_id) return false;
    }
  }
  return true;
}
}  // namespace detail
static_assert(detail::rows_in_enum_order(), "kTransports: one row per enumerator, in its order");

// Every transport, in the table's order.
inline constexpr auto kAllTransports = [] {
  std::array<Transport, kTransports.size()> all{};
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = kTransports[i].transport;
  return all;
}();

// The transport's row. A transport without one is a programming error: it throws.
const TransportInfo& info(Transport transport);

// The JSON name: "short-poll", "long-poll", "websocket", "sse", "engine.io".
std::string_view to_string(Transport transport);

// The transport with that JSON name, if any (exact, case-sensitive).
std::optional<Transport> parse_transport(std::string_view name);

// Every JSON name, in order: for a command line's choices.
std::vector<std::string> transport_names();

// "short-poll, long-poll, websocket, sse, engine.io": for an error that lists the choices.
std::string transport_name_list();

}  // namespace pushlab::sim
