#pragma once
// A frame taken apart field by field, each with the bytes and bits it occupies: what the CLI
// prints beside a hex dump and what an inspector highlights when a field is hovered.

#include <string>
#include <vector>

#include "sim/wire/websocket/frame.hpp"

namespace pushlab::sim::wire::websocket {

struct FrameField {
  std::string name;            // "FIN", "opcode", "payload length", "masking key", ...
  std::string value;           // as a person reads it: "1", "0x1 (text)", "5 (7-bit form)"
  std::size_t first_byte = 0;  // relative to the frame's first byte
  std::size_t byte_count = 0;
  std::size_t first_bit = 0;  // counted from the frame's first bit, as in RFC 6455's figure
  std::size_t bit_count = 0;
};

// The fields in wire order. `payload` is the unmasked payload.
std::vector<FrameField> frame_fields(const Frame& frame);

}  // namespace pushlab::sim::wire::websocket
