#include "sim/wire/sse/detail/utf8_decoder.hpp"

namespace pushlab::sim::wire::sse::detail {

Utf8Decoder::Step Utf8Decoder::decode(std::uint8_t byte) {
  if (bytes_needed_ == 0) return {false, start_sequence(byte)};
  if (byte < lower_boundary_ || byte > upper_boundary_) {
    reset_sequence();
    return {true, start_sequence(byte)};
  }
  lower_boundary_ = 0x80;
  upper_boundary_ = 0xbf;
  code_point_ = code_point_ << 6 | (byte & 0x3f);
  if (++bytes_seen_ < bytes_needed_) return {};
  const char32_t complete = code_point_;
  reset_sequence();
  return {false, complete};
}

// The lead byte ranges and the narrowed boundaries rule out overlong forms, surrogates and code
// points above U+10FFFF, so every completed sequence is a scalar value.
std::optional<char32_t> Utf8Decoder::start_sequence(std::uint8_t byte) {
  if (byte <= 0x7f) return byte;
  if (byte >= 0xc2 && byte <= 0xdf) {
    bytes_needed_ = 1;
    code_point_ = byte & 0x1f;
  } else if (byte >= 0xe0 && byte <= 0xef) {
    if (byte == 0xe0) lower_boundary_ = 0xa0;
    if (byte == 0xed) upper_boundary_ = 0x9f;
    bytes_needed_ = 2;
    code_point_ = byte & 0x0f;
  } else if (byte >= 0xf0 && byte <= 0xf4) {
    if (byte == 0xf0) lower_boundary_ = 0x90;
    if (byte == 0xf4) upper_boundary_ = 0x8f;
    bytes_needed_ = 3;
    code_point_ = byte & 0x07;
  } else {
    return kReplacementCharacter;
  }
  return std::nullopt;
}

void Utf8Decoder::reset_sequence() {
  code_point_ = 0;
  bytes_seen_ = 0;
  bytes_needed_ = 0;
  lower_boundary_ = 0x80;
  upper_boundary_ = 0xbf;
}

void append_utf8(std::string& out, char32_t code_point) {
  const auto byte = [&out](char32_t bits) { out += static_cast<char>(bits); };
  if (code_point < 0x80) {
    byte(code_point);
  } else if (code_point < 0x800) {
    byte(0xc0 | code_point >> 6);
    byte(0x80 | (code_point & 0x3f));
  } else if (code_point < 0x10000) {
    byte(0xe0 | code_point >> 12);
    byte(0x80 | (code_point >> 6 & 0x3f));
    byte(0x80 | (code_point & 0x3f));
  } else {
    byte(0xf0 | code_point >> 18);
    byte(0x80 | (code_point >> 12 & 0x3f));
    byte(0x80 | (code_point >> 6 & 0x3f));
    byte(0x80 | (code_point & 0x3f));
  }
}

std::string decode_utf8(ByteView bytes) {
  std::string text;
  text.reserve(bytes.size());
  Utf8Decoder decoder;
  for (const std::uint8_t byte : bytes) {
    const auto step = decoder.decode(byte);
    if (step.broke_sequence) append_utf8(text, kReplacementCharacter);
    if (step.code_point) append_utf8(text, *step.code_point);
  }
  if (decoder.pending()) append_utf8(text, kReplacementCharacter);
  return text;
}

}  // namespace pushlab::sim::wire::sse::detail
