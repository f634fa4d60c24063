#include "sim/wire/utf8_checker.hpp"

namespace pushlab::sim::wire {

bool Utf8Checker::feed(ByteView bytes) {
  for (const std::uint8_t byte : bytes) {
    if (failed_) return false;
    if (!accept(byte)) {
      failed_ = true;
      error_offset_ = fed_;
      return false;
    }
    ++fed_;
  }
  return !failed_;
}

bool Utf8Checker::accept(std::uint8_t byte) {
  if (pending_ > 0) {
    if (byte < next_low_ || byte > next_high_) return false;
    --pending_;
    next_low_ = 0x80;
    next_high_ = 0xbf;
    return true;
  }
  // A lead byte. The ranges are those of RFC 3629, section 4 (UTF8-2 .. UTF8-4).
  if (byte <= 0x7f) return true;
  if (byte >= 0xc2 && byte <= 0xdf) {
    pending_ = 1;
  } else if (byte >= 0xe0 && byte <= 0xef) {
    pending_ = 2;
    if (byte == 0xe0) next_low_ = 0xa0;   // no overlong 3-byte forms
    if (byte == 0xed) next_high_ = 0x9f;  // no UTF-16 surrogates
  } else if (byte >= 0xf0 && byte <= 0xf4) {
    pending_ = 3;
    if (byte == 0xf0) next_low_ = 0x90;   // no overlong 4-byte forms
    if (byte == 0xf4) next_high_ = 0x8f;  // nothing above U+10FFFF
  } else {
    return false;  // 0x80..0xc1 (stray continuation, overlong 2-byte) and 0xf5..0xff
  }
  return true;
}

bool is_valid_utf8(ByteView bytes) {
  Utf8Checker checker;
  return checker.feed(bytes) && checker.complete();
}

}  // namespace pushlab::sim::wire
