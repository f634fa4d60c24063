// pushlab-cli frame: build one WebSocket frame and show every field of it.

#include <iostream>
#include <optional>
#include <stdexcept>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/cli/frame_report.hpp"
#include "apps/cli/hex_input.hpp"
#include "sim/wire/hex.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"

namespace pushlab::cli {

namespace {

namespace ws = sim::wire::websocket;

struct FrameOptions {
  std::optional<std::string> text;
  std::optional<std::string> binary_hex;
  std::string opcode;
  std::optional<std::string> mask_hex;
  std::optional<std::uint16_t> close_code;
  bool no_fin = false;
  bool json = false;
};

ws::Opcode choose_opcode(const FrameOptions& options) {
  if (!options.opcode.empty()) {
    const auto opcode = ws::opcode_from_string(options.opcode);
    if (!opcode) {
      throw InputError("--opcode " + options.opcode +
                       " is not an opcode (expected continuation, text, binary, close, ping or "
                       "pong)");
    }
    return *opcode;
  }
  if (options.close_code) return ws::Opcode::close;
  return options.binary_hex ? ws::Opcode::binary : ws::Opcode::text;
}

std::optional<ws::MaskingKey> masking_key(const FrameOptions& options) {
  if (!options.mask_hex) return std::nullopt;
  const sim::wire::Bytes key = parse_hex_argument(*options.mask_hex, "--mask");
  if (key.size() != 4) {
    throw InputError("--mask needs 4 bytes (8 hex digits), got " + std::to_string(key.size()));
  }
  return ws::MaskingKey{key[0], key[1], key[2], key[3]};
}

ws::Frame build_frame(const FrameOptions& options) {
  const auto key = masking_key(options);
  const ws::MaskingKey* key_pointer = key ? &*key : nullptr;
  const ws::Opcode opcode = choose_opcode(options);
  ws::Frame frame;
  if (options.close_code) {
    if (opcode != ws::Opcode::close) throw InputError("--code is only for close frames");
    if (options.binary_hex) throw InputError("--code takes its reason from --text, not --binary");
    frame = ws::close_frame({*options.close_code, options.text.value_or("")}, key_pointer);
  } else {
    const sim::wire::Bytes payload = options.binary_hex
                                         ? parse_hex_argument(*options.binary_hex, "--binary")
                                         : sim::wire::to_bytes(options.text.value_or(""));
    frame = ws::binary_frame(payload, key_pointer);
    frame.header.opcode = opcode;
  }
  frame.header.fin = !options.no_fin;
  return frame;
}

int run_frame(const FrameOptions& options) {
  ReportedFrame reported;
  try {
    reported.frame = build_frame(options);
    reported.bytes = ws::encode_frame(reported.frame);
  } catch (const std::invalid_argument& error) {
    throw InputError(error.what());
  }
  if (options.json) {
    const nlohmann::ordered_json out{{"hex", sim::wire::to_hex(reported.bytes, "")},
                                     {"frames", {frame_json(reported)}}};
    std::cout << out.dump(2) << "\n";
  } else {
    print_frame(std::cout, reported, 1);
  }
  return kExitOk;
}

}  // namespace

Command add_frame_command(CLI::App& parent) {
  auto options = std::make_shared<FrameOptions>();
  CLI::App* app = parent.add_subcommand(
      "frame", "Build a WebSocket frame (RFC 6455 section 5.2) and annotate every field");
  auto* text = app->add_option("--text", options->text, "Payload as UTF-8 text");
  auto* binary =
      app->add_option("--binary", options->binary_hex, "Payload as hex, e.g. 'de ad be ef'");
  text->excludes(binary);
  app->add_option("--opcode", options->opcode,
                  "continuation, text, binary, close, ping or pong (default: text, or binary with "
                  "--binary)");
  app->add_option("--mask", options->mask_hex,
                  "Masking key as 8 hex digits: clients mask every frame (section 5.3)");
  app->add_option("--code", options->close_code, "Close status code; --text becomes the reason");
  app->add_flag("--no-fin", options->no_fin, "Clear FIN: this frame is not the message's last");
  app->add_flag("--json", options->json, "Print JSON: {\"hex\", \"frames\": [{\"fields\"}]}");
  app->footer(
      "Examples:\n"
      "  pushlab-cli frame --text Hello --mask 37fa213d     # RFC 6455 section 5.7\n"
      "  pushlab-cli frame --opcode ping --text Hello\n"
      "  pushlab-cli frame --code 1000 --text bye");
  return {app, [options] { return run_frame(*options); }};
}

}  // namespace pushlab::cli
