#pragma once
// What opens and refuses an Engine.IO v4 session: the open packet's JSON, the session id, and
// the errors the reference server answers a bad request with (engine.io 6.6 lib/server.ts,
// lib/socket.ts).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/wire/decode_error.hpp"

namespace pushlab::sim::wire::engineio {

// The open packet's data, keys in the order lib/socket.ts onOpen() writes them. The defaults
// are the reference server's (lib/server.ts): pingInterval 25 s, pingTimeout 20 s, and
// maxHttpBufferSize 1e6 bytes as maxPayload.
struct OpenInfo {
  std::string sid;
  std::vector<std::string> upgrades = {"websocket"};  // [] on a WebSocket-first session
  std::uint64_t ping_interval_ms = 25000;
  std::uint64_t ping_timeout_ms = 20000;
  std::uint64_t max_payload = 1000000;
  friend bool operator==(const OpenInfo&, const OpenInfo&) = default;
};

// {"sid":"...","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}
std::string encode_open(const OpenInfo& info);

// Reads an open packet's data as a client must: a JSON object with the five keys and their
// types (other keys are ignored, as engine.io-client ignores them).
std::variant<OpenInfo, DecodeError> decode_open(std::string_view json);

// A session id as engine.io's copy of base64id makes one (lib/contrib/base64id.ts): 12 random
// bytes and the low 3 bytes of a counter, base64 with '/' as '_' and '+' as '-': 20 characters.
// The counter starts at 0 (its first increment is of undefined, which `| 0` makes 0), so a
// server's first session ends in "AAAA" and its third in "AAAC".
using SidNonce = std::array<std::uint8_t, 12>;
std::string make_sid(const SidNonce& random, std::uint32_t counter);

// The reference server's error codes (lib/server.ts Server.errors), answered as HTTP 400
// (403 for forbidden) with Content-Type application/json and, from Node's http module, a
// chunked body.
enum class ErrorCode : std::uint8_t {
  unknown_transport = 0,
  unknown_sid = 1,
  bad_handshake_method = 2,
  bad_request = 3,
  forbidden = 4,
  unsupported_protocol_version = 5,
};

// What a server knows of a request when it decides whether to serve it.
struct RequestFacts {
  std::string_view method;     // "GET", "POST"
  std::string_view transport;  // the query's `transport`
  std::string_view eio;        // the query's `EIO`
  std::string_view sid;        // the query's `sid`, empty when it names none
  bool upgrade = false;        // the request asks for a WebSocket (Upgrade: websocket)
  // The transport the sid's session runs on ("polling", "websocket"); nullopt for a sid that
  // names no open session.
  std::optional<std::string_view> session_transport;
};

// The error the reference server answers the request with, in the order lib/server.ts checks
// (verify(), then handshake()); nullopt when it serves it. Only the checks PushLab models: an
// Origin with invalid characters and middleware errors are not among them.
std::optional<ErrorCode> refusal(const RequestFacts& request);

std::string_view error_message(ErrorCode code);  // "Session ID unknown"
int error_status(ErrorCode code);                // 400, or 403 for forbidden
std::string error_body(ErrorCode code);          // {"code":1,"message":"Session ID unknown"}

// A refused WebSocket upgrade, as the reference writes it straight onto the socket before it
// destroys it (lib/server.ts abortUpgrade): "HTTP/1.1 400 Bad Request", Connection: close, the
// message as text/html.
std::string upgrade_refusal(ErrorCode code);

}  // namespace pushlab::sim::wire::engineio
