#include "sim/transports/websocket_frames.hpp"

#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"

namespace pushlab::sim {

namespace ws = wire::websocket;

WireFrame websocket_frame(const ws::Frame& frame, std::string note) {
  return {.layer = Layer::websocket,
          .kind = std::string(ws::to_string(frame.header.opcode)),
          .bytes = ws::encode_frame(frame),
          .note = std::move(note)};
}

WireFrame websocket_close_frame(std::uint16_t code, const ws::MaskingKey* key, std::string note) {
  return websocket_frame(ws::close_frame({.code = code, .reason = {}}, key), std::move(note));
}

std::string close_code_text(std::uint16_t code) {
  return std::to_string(code) + " " + std::string(ws::close_code_name(code));
}

bool delivered_data(MessageBook& messages, const ws::Frame& frame, const WireFrame& carrier) {
  const ws::Opcode opcode = frame.header.opcode;
  if (opcode != ws::Opcode::text && opcode != ws::Opcode::binary) return false;
  for (const MessageId id : carrier.messages) messages.deliver(id);
  return true;
}

ws::KeyNonce random_nonce(Rng& rng) {
  ws::KeyNonce nonce{};
  for (std::size_t i = 0; i < nonce.size(); i += 8) {
    const std::uint64_t bits = rng.next_u64();
    for (std::size_t b = 0; b < 8; ++b) nonce[i + b] = static_cast<std::uint8_t>(bits >> (8 * b));
  }
  return nonce;
}

ws::MaskingKey random_masking_key(Rng& rng) {
  const std::uint64_t bits = rng.next_u64();
  ws::MaskingKey key{};
  for (std::size_t b = 0; b < key.size(); ++b) key[b] = static_cast<std::uint8_t>(bits >> (8 * b));
  return key;
}

std::string header_cost(const ws::Frame& frame) {
  const std::size_t size = ws::header_size(frame.header);
  return std::to_string(size) + (size == 1 ? " byte" : " bytes") + " of header";
}

}  // namespace pushlab::sim
