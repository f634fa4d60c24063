#pragma once
// One RFC 6455 frame (section 5.2), as the fields of its header and its unmasked payload.

#include <array>
#include <cstdint>
#include <string_view>

#include "sim/wire/bytes.hpp"
#include "sim/wire/websocket/rfc6455.hpp"

namespace pushlab::sim::wire::websocket {

using MaskingKey = std::array<std::uint8_t, 4>;

struct FrameHeader {
  bool fin = true;
  bool rsv1 = false;
  bool rsv2 = false;
  bool rsv3 = false;
  Opcode opcode = Opcode::text;
  bool masked = false;
  MaskingKey masking_key{};  // meaningful only when masked
  std::uint64_t payload_length = 0;

  friend bool operator==(const FrameHeader&, const FrameHeader&) = default;
};

struct Frame {
  FrameHeader header;
  Bytes payload;  // always unmasked: the application's bytes

  friend bool operator==(const Frame&, const Frame&) = default;
};

// How the payload length is written (section 5.2): in the 7 bits of byte 1, or 126 then 16
// bits, or 127 then 64 bits. A length always uses the shortest form that holds it.
enum class LengthForm { bits7, bits16, bits64 };
LengthForm length_form(std::uint64_t payload_length);

// Bytes of header for this frame: 2, plus 2 or 8 for a longer length, plus 4 for a mask.
std::size_t header_size(const FrameHeader& header);

// Frames as an application sends them. A client masks with `key`; a server passes nothing.
Frame text_frame(std::string_view text, const MaskingKey* key = nullptr);
Frame binary_frame(ByteView bytes, const MaskingKey* key = nullptr);
Frame ping_frame(ByteView bytes, const MaskingKey* key = nullptr);
Frame pong_frame(ByteView bytes, const MaskingKey* key = nullptr);

}  // namespace pushlab::sim::wire::websocket
