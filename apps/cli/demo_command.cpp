// pushlab-cli demo: a short tour of what PushLab shows, from the RFC's own examples.

#include <iostream>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/cli/frame_report.hpp"
#include "apps/cli/handshake_report.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"

namespace pushlab::cli {

namespace {

namespace ws = sim::wire::websocket;

void show_frame(const std::string& title, const ws::Frame& frame) {
  std::cout << "\n── " << title << " ──\n\n";
  print_frame(std::cout, {frame, ws::encode_frame(frame), 0}, 1);
}

int run_demo() {
  std::cout << "PushLab: how a server pushes data to a browser, byte by byte.\n"
            << "A WebSocket starts as an HTTP request and becomes a stream of frames.\n\n"
            << "── 1. The opening handshake (RFC 6455 section 1.2) ──\n\n";
  ws::HandshakeRequestOptions request{.host = "server.example.com",
                                      .target = "/chat",
                                      .origin = "http://example.com",
                                      .protocols = {"chat", "superchat"},
                                      .extra_fields = {}};
  print_exchange(std::cout, make_exchange("dGhlIHNhbXBsZSBub25jZQ==", request), false);

  const ws::MaskingKey key{0x37, 0xfa, 0x21, 0x3d};
  show_frame("2. The server sends \"Hello\": no mask, 2 bytes of header", ws::text_frame("Hello"));
  show_frame("3. The client sends \"Hello\": every client frame is masked",
             ws::text_frame("Hello", &key));
  show_frame("4. A ping, which the other side must answer with a pong",
             ws::ping_frame(sim::wire::to_bytes("Hello")));
  show_frame("5. 256 bytes need the 16-bit length form",
             ws::binary_frame(sim::wire::Bytes(256, 0x2a)));

  std::cout << "\nTry it yourself:\n"
            << "  pushlab-cli handshake                      a fresh random key\n"
            << "  pushlab-cli frame --text hi --mask 01020304\n"
            << "  pushlab-cli decode 81 05 48 65 6c 6c 6f\n"
            << "  pushlab-cli validate scenarios/*.json\n";
  return kExitOk;
}

}  // namespace

Command add_demo_command(CLI::App& parent) {
  CLI::App* app = parent.add_subcommand(
      "demo", "A short tour: the RFC 6455 handshake and frames, field by field");
  return {app, run_demo};
}

}  // namespace pushlab::cli
