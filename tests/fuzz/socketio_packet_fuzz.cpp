// Feeds arbitrary text to the Socket.IO packet decoder, under the default limits and a small
// one. What it accepts must encode to text that decodes to the same packet. (Not always to the
// same text: "4/" and "4/," are namespace "/", which encodes as nothing.)

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/wire/engineio/socketio_packet.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::socketio;

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

void check_round_trip(std::string_view text, DecoderLimits limits) {
  const auto decoded = decode(text, limits);
  if (const auto* error = std::get_if<DecodeError>(&decoded)) {
    check(error->offset <= text.size());
    return;
  }
  const Packet& packet = std::get<Packet>(decoded);
  check(packet.attachments <= limits.max_attachments);
  const std::string again = encode(packet);
  check(again.size() <= text.size() + 1);  // at most the comma a namespace may lack at the end
  const auto twice = decode(again, limits);
  check(std::holds_alternative<Packet>(twice) && std::get<Packet>(twice) == packet);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_round_trip(text, DecoderLimits{});
  check_round_trip(text, DecoderLimits{.max_attachments = 1});
  return 0;
}
