#include "sim/wire/websocket/frame_encoder.hpp"

#include <stdexcept>
#include <string>

#include "sim/wire/websocket/mask.hpp"

namespace pushlab::sim::wire::websocket {

namespace {

void check_frame(const Frame& frame) {
  const FrameHeader& header = frame.header;
  if (!is_defined_opcode(static_cast<std::uint8_t>(header.opcode))) {
    throw std::invalid_argument("opcode is reserved (RFC 6455 section 5.2)");
  }
  if (header.payload_length != frame.payload.size()) {
    throw std::invalid_argument("header says " + std::to_string(header.payload_length) +
                                " payload bytes but the payload has " +
                                std::to_string(frame.payload.size()));
  }
  if (is_control(header.opcode) && header.payload_length > kMaxControlPayload) {
    throw std::invalid_argument("a " + std::string(to_string(header.opcode)) +
                                " frame carries at most 125 bytes (RFC 6455 section 5.5)");
  }
  if (is_control(header.opcode) && !header.fin) {
    throw std::invalid_argument("a " + std::string(to_string(header.opcode)) +
                                " frame cannot be fragmented (RFC 6455 section 5.5)");
  }
}

void append_big_endian(Bytes& out, std::uint64_t value, int byte_count) {
  for (int shift = 8 * (byte_count - 1); shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(value >> shift));
  }
}

}  // namespace

Bytes encode_header(const FrameHeader& header) {
  Bytes out;
  out.reserve(14);
  out.push_back(static_cast<std::uint8_t>((header.fin ? 0x80 : 0) | (header.rsv1 ? 0x40 : 0) |
                                          (header.rsv2 ? 0x20 : 0) | (header.rsv3 ? 0x10 : 0) |
                                          static_cast<std::uint8_t>(header.opcode)));
  const std::uint8_t mask_bit = header.masked ? 0x80 : 0;
  switch (length_form(header.payload_length)) {
    case LengthForm::bits7:
      out.push_back(mask_bit | static_cast<std::uint8_t>(header.payload_length));
      break;
    case LengthForm::bits16:
      out.push_back(mask_bit | kLength16);
      append_big_endian(out, header.payload_length, 2);
      break;
    case LengthForm::bits64:
      out.push_back(mask_bit | kLength64);
      append_big_endian(out, header.payload_length, 8);
      break;
  }
  if (header.masked) out.insert(out.end(), header.masking_key.begin(), header.masking_key.end());
  return out;
}

Bytes encode_frame(const Frame& frame) {
  check_frame(frame);
  Bytes out = encode_header(frame.header);
  const std::size_t payload_start = out.size();
  append(out, frame.payload);
  if (frame.header.masked) {
    apply_mask(std::span(out).subspan(payload_start), frame.header.masking_key);
  }
  return out;
}

}  // namespace pushlab::sim::wire::websocket
