#pragma once
// Incremental UTF-8 validation (RFC 3629), as RFC 6455 requires of text messages: a message may
// be split across frames anywhere, even inside a code point, so the checker keeps its state
// between calls and only a finished message must end on a code point boundary.

#include <cstdint>

#include "sim/wire/bytes.hpp"

namespace pushlab::sim::wire {

class Utf8Checker {
 public:
  // Feeds more bytes. Returns false, and stays failed, at the first byte that cannot continue
  // valid UTF-8 (overlong forms, surrogates and code points above U+10FFFF included).
  bool feed(ByteView bytes);

  // True when the bytes so far end on a code point boundary (nothing is half-read).
  bool complete() const { return !failed_ && pending_ == 0; }

  bool failed() const { return failed_; }

  // Index, within all bytes fed, of the first invalid byte (valid when failed()).
  std::uint64_t error_offset() const { return error_offset_; }

  void reset() { *this = Utf8Checker{}; }

 private:
  bool accept(std::uint8_t byte);

  int pending_ = 0;                // continuation bytes still expected
  std::uint8_t next_low_ = 0x80;   // allowed range of the next continuation byte:
  std::uint8_t next_high_ = 0xbf;  // narrower right after some lead bytes
  bool failed_ = false;
  std::uint64_t fed_ = 0;
  std::uint64_t error_offset_ = 0;
};

// Whole-buffer check.
bool is_valid_utf8(ByteView bytes);

}  // namespace pushlab::sim::wire
