#pragma once
// Readers for the scenario's object sections: network, proxy, http and the transport options.

#include "sim/json/json.hpp"
#include "sim/json/location.hpp"
#include "sim/scenario/scenario.hpp"

namespace pushlab::sim::detail {

Network read_network(const json::Json& value, const json::Location& where);
Proxy read_proxy(const json::Json& value, const json::Location& where);
HttpHeaders read_http(const json::Json& value, const json::Location& where);
ShortPollOptions read_short_poll(const json::Json& value, const json::Location& where);
LongPollOptions read_long_poll(const json::Json& value, const json::Location& where);
WebSocketOptions read_websocket(const json::Json& value, const json::Location& where);
EngineIoOptions read_engine_io(const json::Json& value, const json::Location& where);
SseOptions read_sse(const json::Json& value, const json::Location& where);

}  // namespace pushlab::sim::detail
