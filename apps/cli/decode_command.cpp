// pushlab-cli decode: read WebSocket frames typed as hex and annotate every field.

#include <iostream>
#include <iterator>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/cli/frame_report.hpp"
#include "apps/cli/hex_input.hpp"
#include "sim/wire/hex.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"

namespace pushlab::cli {

namespace {

namespace ws = sim::wire::websocket;

struct DecodeOptions {
  std::vector<std::string> hex;
  std::string from;
  bool json = false;
};

std::string read_input(const DecodeOptions& options) {
  if (options.hex.size() == 1 && options.hex[0] == "-") {
    return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  }
  std::string joined;
  for (const std::string& part : options.hex) joined += part + " ";
  return joined;
}

ws::FrameDecoderOptions decoder_options(const DecodeOptions& options) {
  ws::FrameDecoderOptions decoder;
  // Frames from a client are read by a server, which insists on masking, and the other way.
  if (options.from == "client") decoder.role = ws::Role::server;
  if (options.from == "server") decoder.role = ws::Role::client;
  return decoder;
}

std::string describe_error(const sim::wire::DecodeError& error, const sim::wire::Bytes& bytes) {
  std::string where = "byte " + std::to_string(error.offset);
  if (error.offset < bytes.size()) {
    where += " (0x" + sim::wire::to_hex(sim::wire::ByteView(&bytes[error.offset], 1)) + ")";
  } else {
    where += " (end of input)";
  }
  return where + ": " + error.reason;
}

int run_decode(const DecodeOptions& options) {
  const sim::wire::Bytes bytes = parse_hex_argument(read_input(options), "HEX");
  if (bytes.empty()) throw InputError("no bytes to decode");
  ws::FrameDecoder decoder(decoder_options(options));
  decoder.feed(bytes);
  decoder.finish();

  std::vector<ReportedFrame> frames;
  while (auto decoded = decoder.next()) {
    const auto begin = bytes.begin() + static_cast<std::ptrdiff_t>(decoded->offset);
    frames.push_back({decoded->frame,
                      sim::wire::Bytes(begin, begin + static_cast<std::ptrdiff_t>(decoded->size())),
                      decoded->offset});
  }
  const auto& error = decoder.error();
  if (options.json) {
    nlohmann::ordered_json out{{"hex", sim::wire::to_hex(bytes, "")},
                               {"frames", nlohmann::ordered_json::array()}};
    for (const ReportedFrame& frame : frames) out["frames"].push_back(frame_json(frame));
    if (error) out["error"] = {{"offset", error->offset}, {"reason", error->reason}};
    std::cout << out.dump(2) << "\n";
  } else {
    for (std::size_t i = 0; i < frames.size(); ++i) {
      if (i > 0) std::cout << "\n";
      print_frame(std::cout, frames[i], i + 1);
    }
  }
  if (error) {
    std::cerr << "pushlab-cli decode: error: " << describe_error(*error, bytes) << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

Command add_decode_command(CLI::App& parent) {
  auto options = std::make_shared<DecodeOptions>();
  CLI::App* app = parent.add_subcommand(
      "decode", "Decode WebSocket frames typed as hex, checking every rule of RFC 6455");
  app->add_option("HEX", options->hex, "The bytes, in hex ('81 05 48 65 ...'); '-' reads stdin")
      ->required();
  app->add_option("--from", options->from,
                  "Who sent the frames: 'client' (must be masked) or 'server' (must not be)")
      ->check(CLI::IsMember({"client", "server"}));
  app->add_flag("--json", options->json,
                "Print JSON: {\"hex\", \"frames\": [{\"fields\"}], \"error\"}");
  app->footer(
      "A truncated or malformed frame exits 1 and names the first bad byte and why.\n"
      "Examples:\n"
      "  pushlab-cli decode 81 85 37 fa 21 3d 7f 9f 4d 51 58\n"
      "  pushlab-cli decode --from server 010348656c 80026c6f");
  return {app, [options] { return run_decode(*options); }};
}

}  // namespace pushlab::cli
