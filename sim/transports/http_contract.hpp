#pragma once
// The HTTP contract between a page and a PushLab server, spoken alike by the simulated
// transports, the live clients, the live server, the decoder of a live recording and the demo
// page (assets/web/index.html, which a test checks against this file):
//
//   GET  <path>?client=N               a transport's endpoint (TransportInfo::path), for client N
//   GET  /lp?client=N&received=K       a poll that has K of the client's messages
//   GET  /events?client=N&tab=T        one of a client's several tabs (counted from 1)
//   POST /send?client=N                a message from the client (a 204 answers it)
//   /socket.io/?client=N&EIO=4&...     Engine.IO with Socket.IO above it ("/engine.io/" without)
//   payloads begin "#<id> "            so that a message is found in any frame that carries it
//
// Clients are counted from 1 on the wire, from 0 in the code.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/transport.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::sim::contract {

inline constexpr std::string_view kSendPath = "/send";  // POST: a message from the client
inline constexpr std::string_view kEchoPath = "/echo";  // live only: a WebSocket that echoes
// The engine.io transport's endpoint when Socket.IO runs above it (its TransportInfo::path,
// "/engine.io/", is Engine.IO's alone).
inline constexpr std::string_view kSocketIoPath = "/socket.io/";
inline constexpr std::string_view kClientKey = "client";
inline constexpr std::string_view kReceivedKey = "received";
inline constexpr std::string_view kTabKey = "tab";
inline constexpr char kPayloadTag = '#';

// "/poll?client=2" -> "/poll".
std::string_view path_of(std::string_view target);

// The transport whose endpoint `path` is, if any ("/lp" -> long polling).
std::optional<Transport> transport_at(std::string_view path);

// The value of `name` in the target's query ("" for a bare "name"), if present; names are
// whole ("clients" is not "client").
std::optional<std::string_view> query_value(std::string_view target, std::string_view name);

// "/lp?client=3" for client 2 (counted from 0).
std::string with_client(std::string_view path, int client);
// "/lp?client=3" -> "/lp?client=3&received=5".
void append_query(std::string& target, std::string_view name, std::uint64_t value);

// The whole number `name` has in the query, if present and one.
std::optional<std::uint64_t> number_in(std::string_view target, std::string_view name);

// The 0-based index that ?name=N names, N counted from 1 up to `count`; nothing if the query
// names none, or a value that is not such a number.
std::optional<int> index_in(std::string_view target, std::string_view name, int count);

// The 0-based client a target names (?client=N).
inline std::optional<int> client_in(std::string_view target, int clients) {
  return index_in(target, kClientKey, clients);
}

// The messages a frame's text carries, by the "#<id> " their payloads begin with; only ids
// below `planned`, the number of messages the run has.
std::vector<MessageId> message_ids_in(std::string_view text, std::size_t planned);

}  // namespace pushlab::sim::contract
