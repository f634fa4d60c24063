// pushlab-cli handshake: the opening handshake of RFC 6455, with the accept value worked out
// step by step.

#include <iostream>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/cli/handshake_report.hpp"

namespace pushlab::cli {

namespace {

namespace ws = sim::wire::websocket;

struct HandshakeOptions {
  // The defaults are those of the example in RFC 6455 section 1.2.
  std::string key;  // empty: a fresh random key
  std::string host = "server.example.com";
  std::string path = "/chat";
  std::string origin = "http://example.com";  // empty: no Origin field
  std::vector<std::string> protocols{"chat", "superchat"};
  bool json = false;
};

int run_handshake(const HandshakeOptions& options) {
  ws::HandshakeRequestOptions request{.host = options.host,
                                      .target = options.path,
                                      .origin = std::nullopt,
                                      .protocols = options.protocols,
                                      .extra_fields = {}};
  if (!options.origin.empty()) request.origin = options.origin;
  std::erase(request.protocols, "");
  const std::string key = options.key.empty() ? ws::random_key() : options.key;
  const HandshakeExchange exchange = make_exchange(key, request);
  if (options.json) {
    std::cout << exchange_json(exchange).dump(2) << "\n";
  } else {
    print_exchange(std::cout, exchange, options.key.empty());
  }
  return kExitOk;
}

}  // namespace

Command add_handshake_command(CLI::App& parent) {
  auto options = std::make_shared<HandshakeOptions>();
  CLI::App* app = parent.add_subcommand(
      "handshake", "Show the WebSocket opening handshake and how Sec-WebSocket-Accept is computed");
  app->add_option("--key", options->key,
                  "Sec-WebSocket-Key (base64 of 16 bytes); default: a fresh random key");
  app->add_option("--host", options->host, "Host header field")->capture_default_str();
  app->add_option("--path", options->path, "Request target")->capture_default_str();
  app->add_option("--origin", options->origin, "Origin header field ('' for none)")
      ->capture_default_str();
  app->add_option("--protocol", options->protocols,
                  "Subprotocols offered, in order; the server picks the first ('' for none)")
      ->capture_default_str();
  app->add_flag("--json", options->json,
                "Print JSON: key, key_and_guid, sha1_hex, accept, request, response (exact bytes)");
  app->footer(
      "The defaults are those of the example in RFC 6455 section 1.2, so\n"
      "  pushlab-cli handshake --key dGhlIHNhbXBsZSBub25jZQ==\n"
      "reproduces it byte for byte: the accept value is s3pPLMBiTxaQ9kYGzzhZRbK+xOo=.");
  return {app, [options] { return run_handshake(*options); }};
}

}  // namespace pushlab::cli
