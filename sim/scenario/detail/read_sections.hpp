#pragma once
// Readers for the scenario's object sections: network, proxy, http and the transport options.

#include "sim/scenario/detail/json_reader.hpp"
#include "sim/scenario/scenario.hpp"

namespace pushlab::sim::detail {

Network read_network(const Json& value, const Location& where);
Proxy read_proxy(const Json& value, const Location& where);
HttpHeaders read_http(const Json& value, const Location& where);
ShortPollOptions read_short_poll(const Json& value, const Location& where);
LongPollOptions read_long_poll(const Json& value, const Location& where);
WebSocketOptions read_websocket(const Json& value, const Location& where);
SseOptions read_sse(const Json& value, const Location& where);

}  // namespace pushlab::sim::detail
