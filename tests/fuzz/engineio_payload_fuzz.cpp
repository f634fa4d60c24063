// Feeds arbitrary bytes to the Engine.IO payload and WebSocket packet readers, with and without
// Socket.IO on top. What reads must encode back to the bytes it was read from (before the bad
// packet, if one stops it), but for base64 whose unused last bits are not zero, which reads as
// Node reads it and is written canonically: then the packets must read back the same. The
// inspector's fields must lie inside the body, in order.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/wire/engineio/fields.hpp"
#include "sim/wire/engineio/payload.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::engineio;

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

void check_fields(const std::vector<PacketField>& fields, std::size_t size) {
  std::size_t end = 0;
  for (const PacketField& field : fields) {
    check(field.first_byte >= end && field.first_byte + field.byte_count <= size);
    end = field.first_byte + field.byte_count;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const DecodedPayload decoded = decode_payload(body);
  check(decoded.packets.size() == decoded.spans.size());
  const std::string again = encode_payload(decoded.packets);
  const std::size_t good = decoded.packets.empty()
                               ? 0
                               : decoded.spans.back().first_byte + decoded.spans.back().byte_count;
  check(!decoded.error || decoded.error->offset <= size);
  check(decoded.error || good == size || decoded.packets.empty());
  if (again != body.substr(0, good)) {
    check(again.size() == good);
    const DecodedPayload twice = decode_payload(again);
    check(!twice.error && twice.packets == decoded.packets);
  }
  for (const bool socketio : {false, true}) {
    check_fields(payload_fields(body, socketio), size);
    check_fields(websocket_fields(body, false, socketio), size);
    check_fields(websocket_fields(body, true, socketio), size);
  }
  return 0;
}
