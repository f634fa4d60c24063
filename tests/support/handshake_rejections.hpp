#pragma once
// The broken opening handshakes a server must refuse (RFC 6455 section 4.2.1), each with the
// status and reason the simulated server answers. The simulator's tests check sim/wire's
// decision against them; the live server's tests send each over a real socket.

#include <string>
#include <vector>

#include "sim/wire/websocket/handshake.hpp"

namespace pushlab::testing {

struct HandshakeRejection {
  std::string name;
  void (*change)(sim::wire::http::Request&);
  int status;
  std::string reason;
};

// The RFC's sample handshake (section 1.2), which a server accepts.
inline sim::wire::http::Request valid_handshake_request() {
  return sim::wire::websocket::handshake_request("dGhlIHNhbXBsZSBub25jZQ==",
                                                 {.host = "server.example.com",
                                                  .target = "/chat",
                                                  .origin = "http://example.com",
                                                  .protocols = {"chat", "superchat"},
                                                  .extra_fields = {}});
}

inline std::vector<HandshakeRejection> handshake_rejections() {
  using sim::wire::http::Request;
  return {
      {"POST", [](Request& r) { r.method = "POST"; }, 400, "method is POST, not GET"},
      {"HTTP/1.0", [](Request& r) { r.version = "HTTP/1.0"; }, 400,
       "HTTP/1.0 is older than HTTP/1.1"},
      {"no Host", [](Request& r) { r.fields.remove("Host"); }, 400,
       "exactly one Host header field is required"},
      {"no Upgrade", [](Request& r) { r.fields.remove("Upgrade"); }, 400,
       "Upgrade header field does not contain \"websocket\""},
      {"Connection: keep-alive", [](Request& r) { r.fields.set("Connection", "keep-alive"); }, 400,
       "Connection header field does not contain \"Upgrade\""},
      {"no key", [](Request& r) { r.fields.remove("Sec-WebSocket-Key"); }, 400,
       "exactly one Sec-WebSocket-Key header field is required"},
      {"short key", [](Request& r) { r.fields.set("Sec-WebSocket-Key", "c2hvcnQ="); }, 400,
       "Sec-WebSocket-Key is not the base64 of 16 bytes"},
      {"version 8", [](Request& r) { r.fields.set("Sec-WebSocket-Version", "8"); }, 426,
       "Sec-WebSocket-Version is not 13"},
  };
}

}  // namespace pushlab::testing
