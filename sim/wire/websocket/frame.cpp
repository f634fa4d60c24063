#include "sim/wire/websocket/frame.hpp"

namespace pushlab::sim::wire::websocket {

namespace {

Frame make_frame(Opcode opcode, ByteView payload, const MaskingKey* key) {
  Frame frame;
  frame.header.opcode = opcode;
  frame.header.payload_length = payload.size();
  if (key != nullptr) {
    frame.header.masked = true;
    frame.header.masking_key = *key;
  }
  frame.payload.assign(payload.begin(), payload.end());
  return frame;
}

}  // namespace

LengthForm length_form(std::uint64_t payload_length) {
  if (payload_length <= 125) return LengthForm::bits7;
  if (payload_length <= 0xffff) return LengthForm::bits16;
  return LengthForm::bits64;
}

std::size_t header_size(const FrameHeader& header) {
  std::size_t size = 2;
  switch (length_form(header.payload_length)) {
    case LengthForm::bits7:
      break;
    case LengthForm::bits16:
      size += 2;
      break;
    case LengthForm::bits64:
      size += 8;
      break;
  }
  if (header.masked) size += 4;
  return size;
}

Frame text_frame(std::string_view text, const MaskingKey* key) {
  return make_frame(Opcode::text, to_bytes(text), key);
}

Frame binary_frame(ByteView bytes, const MaskingKey* key) {
  return make_frame(Opcode::binary, bytes, key);
}

Frame ping_frame(ByteView bytes, const MaskingKey* key) {
  return make_frame(Opcode::ping, bytes, key);
}

Frame pong_frame(ByteView bytes, const MaskingKey* key) {
  return make_frame(Opcode::pong, bytes, key);
}

}  // namespace pushlab::sim::wire::websocket
