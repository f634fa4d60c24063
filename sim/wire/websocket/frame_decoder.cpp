#include "sim/wire/websocket/frame_decoder.hpp"

#include <algorithm>
#include <string>

#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/mask.hpp"

namespace pushlab::sim::wire::websocket {

namespace {

std::string opcode_label(Opcode op) {
  return std::string(to_string(op)) + " frame";
}

std::uint64_t read_big_endian(const std::uint8_t* bytes, int count) {
  std::uint64_t value = 0;
  for (int i = 0; i < count; ++i) value = value << 8 | bytes[i];
  return value;
}

}  // namespace

void FrameDecoder::feed(ByteView bytes) {
  if (error_) return;
  // Drop what earlier calls decoded, once per call rather than once per frame.
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(read_position_));
  read_position_ = 0;
  append(buffer_, bytes);
  while (!error_ && decode_one()) {
  }
}

void FrameDecoder::finish() {
  if (error_ || pending().empty()) return;
  const std::uint64_t end = pending_offset_ + pending().size();
  std::size_t header_size = 0;
  const auto header = read_header(header_size);
  if (error_) return;
  if (!header) {
    fail("truncated frame: the input ends inside the frame header", end);
    return;
  }
  const std::uint64_t missing = header_size + header->payload_length - pending().size();
  fail("truncated frame: the header announces " + std::to_string(header->payload_length) +
           " payload bytes but the input ends " + std::to_string(missing) +
           (missing == 1 ? " byte short" : " bytes short"),
       end);
}

std::optional<DecodedFrame> FrameDecoder::next() {
  if (ready_.empty()) return std::nullopt;
  DecodedFrame frame = std::move(ready_.front());
  ready_.pop_front();
  return frame;
}

void FrameDecoder::fail(std::string reason, std::uint64_t offset) {
  error_ = DecodeError{std::move(reason), offset};
}

bool FrameDecoder::check_first_byte(std::uint8_t byte) {
  const std::uint64_t at = pending_offset_;
  if (byte & 0x70) {
    const int bit = (byte & 0x40) ? 1 : (byte & 0x20) ? 2 : 3;
    fail("RSV" + std::to_string(bit) + " is set but no extension was negotiated", at);
    return false;
  }
  const std::uint8_t value = byte & 0x0f;
  if (!is_defined_opcode(value)) {
    fail("opcode 0x" + std::string(1, "0123456789abcdef"[value]) + " is reserved", at);
    return false;
  }
  const auto opcode = static_cast<Opcode>(value);
  const bool fin = byte & 0x80;
  if (is_control(opcode) && !fin) {
    fail("a " + opcode_label(opcode) + " cannot be fragmented (FIN must be 1)", at);
    return false;
  }
  if (opcode == Opcode::continuation && !message_opcode_) {
    fail("continuation frame without a message to continue", at);
    return false;
  }
  if ((opcode == Opcode::text || opcode == Opcode::binary) && message_opcode_) {
    fail("new " + opcode_label(opcode) + " while a fragmented " +
             std::string(to_string(*message_opcode_)) +
             " message is unfinished (expected a continuation frame)",
         at);
    return false;
  }
  return true;
}

std::optional<FrameHeader> FrameDecoder::read_header(std::size_t& header_size) {
  const ByteView in = pending();
  const std::size_t available = in.size();
  if (available < 1 || !check_first_byte(in[0])) return std::nullopt;
  if (available < 2) return std::nullopt;

  FrameHeader header;
  header.fin = in[0] & 0x80;
  header.opcode = static_cast<Opcode>(in[0] & 0x0f);
  header.masked = in[1] & 0x80;
  const std::uint8_t length7 = in[1] & 0x7f;

  if (options_.role == Role::server && !header.masked) {
    fail("a client's frame must be masked (MASK must be 1)", pending_offset_ + 1);
    return std::nullopt;
  }
  if (options_.role == Role::client && header.masked) {
    fail("a server's frame must not be masked (MASK must be 0)", pending_offset_ + 1);
    return std::nullopt;
  }
  if (is_control(header.opcode) && length7 > kMaxControlPayload) {
    fail("a " + opcode_label(header.opcode) + " carries at most 125 bytes", pending_offset_ + 1);
    return std::nullopt;
  }

  const int extended = length7 == kLength16 ? 2 : length7 == kLength64 ? 8 : 0;
  header_size = 2 + extended + (header.masked ? 4 : 0);
  if (available < 2u + extended) return std::nullopt;
  header.payload_length = extended ? read_big_endian(&in[2], extended) : length7;
  if (!check_length(header, length7, pending_offset_ + (extended ? 2 : 1))) return std::nullopt;

  if (available < header_size) return std::nullopt;
  if (header.masked) {
    std::copy_n(in.begin() + 2 + extended, 4, header.masking_key.begin());
  }
  return header;
}

bool FrameDecoder::check_length(const FrameHeader& header, std::uint8_t length7,
                                std::uint64_t length_offset) {
  const std::uint64_t length = header.payload_length;
  if (length >> 63) {
    fail("the most significant bit of a 64-bit payload length must be 0", length_offset);
    return false;
  }
  const bool minimal = (length7 == kLength16 && length_form(length) == LengthForm::bits16) ||
                       (length7 == kLength64 && length_form(length) == LengthForm::bits64) ||
                       length7 < kLength16;
  if (!minimal) {
    fail("payload length " + std::to_string(length) +
             " is not in its shortest form (RFC 6455 section 5.2)",
         length_offset);
    return false;
  }
  const std::uint64_t so_far = is_control(header.opcode) ? 0 : message_size_;
  if (length > options_.max_message_bytes - so_far) {
    fail("message of at least " + std::to_string(so_far + length) +
             " bytes is larger than the limit of " + std::to_string(options_.max_message_bytes),
         length_offset);
    return false;
  }
  return true;
}

bool FrameDecoder::check_payload(const FrameHeader& header, ByteView payload,
                                 std::uint64_t payload_offset) {
  if (header.opcode == Opcode::close) {
    const ParsedClose parsed = parse_close_payload(payload);
    if (parsed.error) fail(*parsed.error, payload_offset + parsed.error_offset);
    return !parsed.error;
  }
  const bool text = header.opcode == Opcode::text ||
                    (header.opcode == Opcode::continuation && message_opcode_ == Opcode::text);
  if (!text) return true;
  if (header.opcode == Opcode::text) message_utf8_.reset();
  if (!message_utf8_.feed(payload)) {
    // message_size_ counts the message's bytes before this frame, all fed to the checker.
    fail("text is not valid UTF-8",
         payload_offset + (message_utf8_.error_offset() - message_size_));
    return false;
  }
  if (header.fin && !message_utf8_.complete()) {
    fail("text message ends inside a UTF-8 sequence", payload_offset + payload.size());
    return false;
  }
  return true;
}

bool FrameDecoder::decode_one() {
  std::size_t header_size = 0;
  const auto header = read_header(header_size);
  if (!header || pending().size() < header_size + header->payload_length) return false;

  DecodedFrame decoded;
  decoded.offset = pending_offset_;
  decoded.header_size = header_size;
  decoded.frame.header = *header;
  const ByteView payload = pending().subspan(header_size, header->payload_length);
  decoded.frame.payload.assign(payload.begin(), payload.end());
  if (header->masked) apply_mask(decoded.frame.payload, header->masking_key);
  if (!check_payload(*header, decoded.frame.payload, pending_offset_ + header_size)) return false;

  if (!is_control(header->opcode)) {
    if (header->opcode != Opcode::continuation) message_opcode_ = header->opcode;
    message_size_ += header->payload_length;
    if (header->fin) {
      message_opcode_.reset();
      message_size_ = 0;
    }
  }
  read_position_ += static_cast<std::size_t>(decoded.size());
  pending_offset_ += decoded.size();
  ready_.push_back(std::move(decoded));
  return true;
}

}  // namespace pushlab::sim::wire::websocket
