#pragma once
// Reads frames from bytes as they arrive (section 5.2), checking every rule an endpoint must
// check: reserved bits and opcodes, the masking rule of its role, control-frame limits,
// fragmentation order, the shortest length form, close payloads, UTF-8 in text messages, and
// a maximum message size. The first broken rule stops it with the offending byte's offset.

#include <deque>
#include <optional>

#include "sim/wire/decode_error.hpp"
#include "sim/wire/utf8_checker.hpp"
#include "sim/wire/websocket/frame.hpp"

namespace pushlab::sim::wire::websocket {

struct FrameDecoderOptions {
  // The reader's role: a server requires masked frames, a client rejects them. Without a role
  // (a tool reading bytes from either side) masking is not checked.
  std::optional<Role> role = std::nullopt;
  std::uint64_t max_message_bytes = 16 << 20;
};

struct DecodedFrame {
  Frame frame;
  std::uint64_t offset = 0;     // index of the frame's first byte in everything fed
  std::size_t header_size = 0;  // the frame's bytes are [offset, offset + size())
  std::uint64_t size() const { return header_size + frame.payload.size(); }
};

class FrameDecoder {
 public:
  explicit FrameDecoder(FrameDecoderOptions options = {}) : options_(options) {}

  // Any split of the stream gives the same frames and the same error.
  void feed(ByteView bytes);

  // End of input: a partly received frame becomes an error.
  void finish();

  std::optional<DecodedFrame> next();

  const std::optional<DecodeError>& error() const { return error_; }

  // A text or binary message has begun and its final frame has not come yet.
  bool in_fragmented_message() const { return message_opcode_.has_value(); }

 private:
  // The header once all of it has arrived, checked as far as it has; nullopt while more
  // bytes are needed or on error. Sets header_size as soon as byte 1 tells it.
  std::optional<FrameHeader> read_header(std::size_t& header_size);
  bool check_first_byte(std::uint8_t byte);
  bool check_length(const FrameHeader& header, std::uint8_t length7, std::uint64_t length_offset);
  bool check_payload(const FrameHeader& header, ByteView payload, std::uint64_t payload_offset);
  bool decode_one();
  void fail(std::string reason, std::uint64_t offset);

  FrameDecoderOptions options_;
  ByteView pending() const { return ByteView(buffer_).subspan(read_position_); }

  Bytes buffer_;  // received; bytes before read_position_ are decoded
  std::size_t read_position_ = 0;
  std::uint64_t pending_offset_ = 0;  // stream offset of pending()[0]
  std::deque<DecodedFrame> ready_;
  std::optional<DecodeError> error_;

  // The message being received across frames.
  std::optional<Opcode> message_opcode_;
  std::uint64_t message_size_ = 0;
  Utf8Checker message_utf8_;
};

}  // namespace pushlab::sim::wire::websocket
