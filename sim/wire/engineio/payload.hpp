#pragma once
// The body of an Engine.IO v4 long-polling request or response: packets joined by the record
// separator 0x1E, no lengths (engine.io-parser 5.2 lib/index.ts encodePayload, decodePayload).
//   4hello \x1e 2 \x1e bAQIDBA==

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/wire/decode_error.hpp"
#include "sim/wire/engineio/packet.hpp"

namespace pushlab::sim::wire::engineio {

constexpr char kRecordSeparator = '\x1e';

std::string encode_payload(const std::vector<Packet>& packets);

// As the reference reads a payload: every packet up to the first bad one, then the error (the
// server closes the session with "parse error"). Each packet's span in the body is kept, for
// the inspector.
struct DecodedPayload {
  struct Span {
    std::size_t first_byte = 0;
    std::size_t byte_count = 0;
  };
  std::vector<Packet> packets;
  std::vector<Span> spans;  // one per packet
  std::optional<DecodeError> error;
};
DecodedPayload decode_payload(std::string_view body);

}  // namespace pushlab::sim::wire::engineio
