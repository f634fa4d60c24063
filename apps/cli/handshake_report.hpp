#pragma once
// The opening handshake laid out for a person: the accept value worked out step by step, then
// the request and the 101 response as they cross the wire.

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/wire/websocket/handshake.hpp"

namespace pushlab::cli {

struct HandshakeExchange {
  sim::wire::websocket::AcceptComputation accept;
  std::string request;   // exact bytes
  std::string response;  // exact bytes
};

// The client's request for `key` and the server's answer (it picks the first subprotocol).
// Throws InputError for a request a server would refuse or that cannot be written.
HandshakeExchange make_exchange(std::string_view key,
                                const sim::wire::websocket::HandshakeRequestOptions& options);

void print_exchange(std::ostream& out, const HandshakeExchange& exchange, bool random_key);

nlohmann::ordered_json exchange_json(const HandshakeExchange& exchange);

}  // namespace pushlab::cli
