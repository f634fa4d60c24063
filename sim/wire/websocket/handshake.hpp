#pragma once
// The opening handshake (RFC 6455 section 4): the client's Upgrade request, the server's
// 101 Switching Protocols, the key and accept values that tie them together, and the checks
// each side must make of the other's message.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/wire/http/message.hpp"
#include "sim/wire/sha1.hpp"

namespace pushlab::sim::wire::websocket {

// Section 4.1: the key is 16 random bytes, base64-encoded.
using KeyNonce = std::array<std::uint8_t, 16>;
std::string make_key(const KeyNonce& nonce);
std::string random_key();  // from OpenSSL's RAND_bytes

// Section 1.3: base64(SHA-1(key + GUID)), kept step by step so a learner can follow it.
struct AcceptComputation {
  std::string key;
  std::string key_and_guid;  // what is hashed
  Sha1Digest sha1{};
  std::string accept;  // the base64 of the digest
};
AcceptComputation compute_accept(std::string_view key);

struct HandshakeRequestOptions {
  std::string host = "server.example.com";
  std::string target = "/chat";
  std::optional<std::string> origin = std::nullopt;
  std::vector<std::string> protocols = {};  // Sec-WebSocket-Protocol, in order of preference
  // After the handshake's own fields; one the handshake writes itself is written once (its
  // Connection options joined), as http::add_missing_fields does.
  http::Fields extra_fields = {};
};

// The client's request, fields in the order of the example in section 1.2.
http::Request handshake_request(std::string_view key, const HandshakeRequestOptions& options);

// The server's 101 for this request's key; `protocol` is the subprotocol it picked, if any.
http::Response handshake_response(std::string_view key,
                                  const std::optional<std::string>& protocol = std::nullopt,
                                  const http::Fields& extra_fields = {});

// What a server found wrong with a handshake request: the status to answer with and why.
struct RequestProblem {
  int status;  // 400 Bad Request, or 426 Upgrade Required for an unsupported version
  std::string reason;
};

// Section 4.2.1: the checks a server makes. nullopt means the request is a valid handshake.
std::optional<RequestProblem> check_handshake_request(const http::Request& request);

// The server's answer to a bad handshake: the status, with Sec-WebSocket-Version: 13 on a 426
// (section 4.4) and the reason in a text body.
http::Response handshake_rejection(const RequestProblem& problem);

// Section 4.1, the client's checks of the server's response to a request made with `key` and
// offering `protocols`. Returns why the connection must fail, or nullopt if it is open.
std::optional<std::string> check_handshake_response(const http::Response& response,
                                                    std::string_view key,
                                                    const std::vector<std::string>& protocols = {});

}  // namespace pushlab::sim::wire::websocket
