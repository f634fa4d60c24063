#pragma once
// The UTF-8 decoder of the WHATWG Encoding Standard, fed one byte at a time, as an event stream
// is decoded ("UTF-8 decode"). Unlike Utf8Checker it never fails: each invalid sequence becomes
// U+FFFD exactly where a browser puts one, and a code point split between feeds decodes whole.

#include <cstdint>
#include <optional>
#include <string>

#include "sim/wire/bytes.hpp"

namespace pushlab::sim::wire::sse::detail {

inline constexpr char32_t kReplacementCharacter = 0xfffd;
inline constexpr char32_t kByteOrderMark = 0xfeff;

class Utf8Decoder {
 public:
  // What one byte produced. A byte that cannot continue the half-read sequence before it ends
  // that sequence (one U+FFFD) and is then read again as the start of a new one.
  struct Step {
    bool broke_sequence = false;         // a U+FFFD for the sequence that ended before the byte
    std::optional<char32_t> code_point;  // completed by the byte (U+FFFD for an invalid byte)
  };

  Step decode(std::uint8_t byte);

  // True while a sequence is half-read: the stream ending now would add one U+FFFD.
  bool pending() const { return bytes_needed_ != 0; }

 private:
  std::optional<char32_t> start_sequence(std::uint8_t byte);
  void reset_sequence();

  char32_t code_point_ = 0;
  int bytes_seen_ = 0;
  int bytes_needed_ = 0;
  std::uint8_t lower_boundary_ = 0x80;  // allowed range of the next continuation byte,
  std::uint8_t upper_boundary_ = 0xbf;  // narrower after E0, ED, F0 and F4
};

void append_utf8(std::string& out, char32_t code_point);

// A whole buffer; a sequence cut off at its end becomes one U+FFFD.
std::string decode_utf8(ByteView bytes);

}  // namespace pushlab::sim::wire::sse::detail
