#include "sim/wire/utf8_checker.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim::wire;

TEST_CASE("valid UTF-8 of every length is accepted") {
  CHECK(is_valid_utf8(to_bytes("")));
  CHECK(is_valid_utf8(to_bytes("Hello")));
  CHECK(is_valid_utf8(to_bytes("\xc3\xa9")));          // U+00E9
  CHECK(is_valid_utf8(to_bytes("\xe2\x82\xac")));      // U+20AC
  CHECK(is_valid_utf8(to_bytes("\xf0\x9f\x98\x80")));  // U+1F600
  CHECK(is_valid_utf8(to_bytes("\xf4\x8f\xbf\xbf")));  // U+10FFFF, the last code point
  CHECK(is_valid_utf8(to_bytes("\xed\x9f\xbf")));      // U+D7FF, just below the surrogates
}

TEST_CASE("invalid UTF-8 is rejected at the first bad byte") {
  struct Case {
    const char* text;
    std::uint64_t offset;
  };
  const Case cases[] = {
      {"a\x80", 1},             // stray continuation byte
      {"\xc0\xaf", 0},          // overlong '/'
      {"\xc1\xbf", 0},          // overlong
      {"\xe0\x80\xaf", 1},      // overlong 3-byte
      {"\xed\xa0\x80", 1},      // U+D800, a surrogate
      {"\xf0\x80\x80\xaf", 1},  // overlong 4-byte
      {"\xf4\x90\x80\x80", 1},  // above U+10FFFF
      {"\xf5\x80\x80\x80", 0},  // lead byte never used
      {"\xff", 0},
      {"\xc3\x28", 1},  // lead byte without its continuation
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    Utf8Checker checker;
    CHECK_FALSE(checker.feed(to_bytes(c.text)));
    CHECK(checker.failed());
    CHECK(checker.error_offset() == c.offset);
  }
}

TEST_CASE("a code point split across feeds is accepted, a truncated one is incomplete") {
  Utf8Checker checker;
  CHECK(checker.feed(to_bytes("\xf0\x9f")));
  CHECK_FALSE(checker.complete());
  CHECK(checker.feed(to_bytes("\x98")));
  CHECK(checker.feed(to_bytes("\x80!")));
  CHECK(checker.complete());
  CHECK_FALSE(is_valid_utf8(to_bytes("\xe2\x82")));
}

TEST_CASE("the error offset counts bytes over all feeds") {
  Utf8Checker checker;
  CHECK(checker.feed(to_bytes("abc")));
  CHECK_FALSE(checker.feed(to_bytes("d\xff")));
  CHECK(checker.error_offset() == 4);
  CHECK_FALSE(checker.feed(to_bytes("e")));  // stays failed
}
