#include "apps/cli/handshake_report.hpp"

#include <ostream>
#include <stdexcept>

#include "apps/cli/cli_error.hpp"
#include "sim/wire/hex.hpp"
#include "sim/wire/http/serialize.hpp"

namespace pushlab::cli {

namespace {

namespace http = sim::wire::http;
namespace ws = sim::wire::websocket;

std::string text_of(const sim::wire::Bytes& bytes) {
  return std::string(sim::wire::as_text(bytes));
}

void print_lines(std::ostream& out, const std::string& message) {
  std::size_t start = 0;
  while (start < message.size()) {
    const std::size_t end = message.find("\r\n", start);
    out << "  " << message.substr(start, end - start) << "\n";
    if (end == std::string::npos) break;
    start = end + 2;
  }
}

}  // namespace

HandshakeExchange make_exchange(std::string_view key, const ws::HandshakeRequestOptions& options) {
  try {
    const http::Request request = ws::handshake_request(key, options);
    if (const auto problem = ws::check_handshake_request(request)) {
      throw InputError(problem->reason + "; a server would answer " +
                       std::to_string(problem->status) + " " +
                       std::string(http::reason_phrase(problem->status)));
    }
    std::optional<std::string> chosen;
    if (!options.protocols.empty()) chosen = options.protocols.front();
    return {ws::compute_accept(key), text_of(http::serialize(request)),
            text_of(http::serialize(ws::handshake_response(key, chosen)))};
  } catch (const std::invalid_argument& error) {
    throw InputError(error.what());
  }
}

void print_exchange(std::ostream& out, const HandshakeExchange& exchange, bool random_key) {
  const ws::AcceptComputation& accept = exchange.accept;
  out << "Sec-WebSocket-Accept, step by step (RFC 6455 section 1.3)\n\n"
      << "  1. the client's Sec-WebSocket-Key    " << accept.key
      << (random_key ? "   (16 random bytes in base64; choose one with --key)" : "") << "\n"
      << "  2. append the GUID                   " << accept.key_and_guid << "\n"
      << "  3. SHA-1 of those " << accept.key_and_guid.size() << " bytes, in hex   "
      << sim::wire::to_hex(accept.sha1, "") << "\n"
      << "  4. base64 of the 20-byte digest      " << accept.accept << "\n\n"
      << "The client's request (" << exchange.request.size()
      << " bytes; each line ends in CR LF, an empty line ends the header):\n\n";
  print_lines(out, exchange.request);
  out << "\nThe server's response (" << exchange.response.size() << " bytes):\n\n";
  print_lines(out, exchange.response);
}

nlohmann::ordered_json exchange_json(const HandshakeExchange& exchange) {
  return {{"key", exchange.accept.key},
          {"key_and_guid", exchange.accept.key_and_guid},
          {"sha1_hex", sim::wire::to_hex(exchange.accept.sha1, "")},
          {"accept", exchange.accept.accept},
          {"request", exchange.request},
          {"response", exchange.response}};
}

}  // namespace pushlab::cli
