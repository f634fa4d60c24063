#include "sim/wire/websocket/handshake.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include "sim/wire/base64.hpp"
#include "sim/wire/http/serialize.hpp"
#include "sim/wire/websocket/rfc6455.hpp"

namespace pushlab::sim::wire::websocket {

namespace {

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::optional<std::string> check_upgrade_fields(const http::Fields& fields) {
  if (!fields.has_token("Upgrade", "websocket")) {
    return std::string("Upgrade header field does not contain \"websocket\"");
  }
  if (!fields.has_token("Connection", "Upgrade")) {
    return std::string("Connection header field does not contain \"Upgrade\"");
  }
  return std::nullopt;
}

bool is_http_1_1_or_later(std::string_view version) {
  return version == "HTTP/1.1" || (version.starts_with("HTTP/") && version > "HTTP/1.1");
}

}  // namespace

std::string make_key(const KeyNonce& nonce) {
  return base64_encode(nonce);
}

std::string random_key() {
  KeyNonce nonce{};
  if (RAND_bytes(nonce.data(), static_cast<int>(nonce.size())) != 1) {
    throw std::runtime_error("OpenSSL could not produce random bytes for a Sec-WebSocket-Key");
  }
  return make_key(nonce);
}

AcceptComputation compute_accept(std::string_view key) {
  AcceptComputation steps;
  steps.key = std::string(key);
  steps.key_and_guid = steps.key + std::string(kHandshakeGuid);
  steps.sha1 = sha1(to_bytes(steps.key_and_guid));
  steps.accept = base64_encode(steps.sha1);
  return steps;
}

http::Request handshake_request(std::string_view key, const HandshakeRequestOptions& options) {
  http::Request request;
  request.method = "GET";
  request.target = options.target;
  request.fields.add("Host", options.host);
  request.fields.add("Upgrade", "websocket");
  request.fields.add("Connection", "Upgrade");
  request.fields.add("Sec-WebSocket-Key", std::string(key));
  if (options.origin) request.fields.add("Origin", *options.origin);
  if (!options.protocols.empty()) {
    request.fields.add("Sec-WebSocket-Protocol", join(options.protocols, ", "));
  }
  request.fields.add("Sec-WebSocket-Version", std::string(kVersion));
  http::add_missing_fields(request.fields, options.extra_fields);
  return request;
}

http::Response handshake_response(std::string_view key, const std::optional<std::string>& protocol,
                                  const http::Fields& extra_fields) {
  http::Response response;
  response.status = 101;
  response.reason = "Switching Protocols";
  response.fields.add("Upgrade", "websocket");
  response.fields.add("Connection", "Upgrade");
  response.fields.add("Sec-WebSocket-Accept", compute_accept(key).accept);
  if (protocol) response.fields.add("Sec-WebSocket-Protocol", *protocol);
  http::add_missing_fields(response.fields, extra_fields);
  return response;
}

std::optional<RequestProblem> check_handshake_request(const http::Request& request) {
  auto bad = [](std::string reason) { return RequestProblem{400, std::move(reason)}; };
  if (request.method != "GET") return bad("method is " + request.method + ", not GET");
  if (!is_http_1_1_or_later(request.version))
    return bad(request.version + " is older than HTTP/1.1");
  if (request.fields.count("Host") != 1) return bad("exactly one Host header field is required");
  if (auto problem = check_upgrade_fields(request.fields)) return bad(*problem);
  const std::string* key = request.fields.find("Sec-WebSocket-Key");
  if (key == nullptr || request.fields.count("Sec-WebSocket-Key") != 1) {
    return bad("exactly one Sec-WebSocket-Key header field is required");
  }
  const auto nonce = base64_decode(trim(*key));
  if (!nonce || nonce->size() != 16) {
    return bad("Sec-WebSocket-Key is not the base64 of 16 bytes");
  }
  const std::string* version = request.fields.find("Sec-WebSocket-Version");
  if (version == nullptr || trim(*version) != kVersion) {
    return RequestProblem{426, "Sec-WebSocket-Version is not 13"};
  }
  return std::nullopt;
}

http::Response handshake_rejection(const RequestProblem& problem) {
  http::Response response;
  response.status = problem.status;
  response.reason = std::string(http::reason_phrase(problem.status));
  if (problem.status == 426) response.fields.add("Sec-WebSocket-Version", std::string(kVersion));
  http::set_body(response, to_bytes(problem.reason + "\n"), "text/plain");
  return response;
}

std::optional<std::string> check_handshake_response(const http::Response& response,
                                                    std::string_view key,
                                                    const std::vector<std::string>& protocols) {
  if (response.status != 101) {
    return "the server answered " + std::to_string(response.status) + " " + response.reason +
           ", not 101 Switching Protocols";
  }
  if (auto problem = check_upgrade_fields(response.fields)) return problem;
  const std::string* accept = response.fields.find("Sec-WebSocket-Accept");
  if (accept == nullptr) return std::string("no Sec-WebSocket-Accept header field");
  if (trim(*accept) != compute_accept(key).accept) {
    return "Sec-WebSocket-Accept is " + std::string(trim(*accept)) + ", expected " +
           compute_accept(key).accept;
  }
  if (response.fields.find("Sec-WebSocket-Extensions") != nullptr) {
    return std::string("the server chose an extension the client did not offer");
  }
  if (const std::string* protocol = response.fields.find("Sec-WebSocket-Protocol")) {
    if (std::find(protocols.begin(), protocols.end(), trim(*protocol)) == protocols.end()) {
      return "the server chose subprotocol \"" + *protocol + "\", which the client did not offer";
    }
  }
  return std::nullopt;
}

}  // namespace pushlab::sim::wire::websocket
