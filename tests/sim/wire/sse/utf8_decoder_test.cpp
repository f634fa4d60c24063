#include "sim/wire/sse/detail/utf8_decoder.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::sse::detail;

namespace {

const std::string kFffd = "\xef\xbf\xbd";  // U+FFFD in UTF-8

std::string decode(std::string_view bytes) {
  return decode_utf8(to_bytes(bytes));
}

}  // namespace

TEST_CASE("valid UTF-8 decodes to itself") {
  CHECK(decode("") == "");
  CHECK(decode("plain ASCII") == "plain ASCII");
  CHECK(decode("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") == "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
  CHECK(decode("\xf4\x8f\xbf\xbf") == "\xf4\x8f\xbf\xbf");  // U+10FFFF
}

TEST_CASE("invalid bytes become U+FFFD, one per maximal subpart") {
  CHECK(decode("\xff") == kFffd);
  CHECK(decode("\x80") == kFffd);
  CHECK(decode("a\xe2\x82"
               "b") == "a" + kFffd + "b");                 // a truncated euro sign: one
  CHECK(decode("\xc0\xaf") == kFffd + kFffd);              // C0 never starts a sequence
  CHECK(decode("\xe0\x80\xaf") == kFffd + kFffd + kFffd);  // overlong: E0 needs A0..BF next
  CHECK(decode("\xed\xa0\x80") == kFffd + kFffd + kFffd);  // a surrogate: ED needs 80..9F
  CHECK(decode("\xf4\x90\x80\x80") == kFffd + kFffd + kFffd + kFffd);  // above U+10FFFF
  CHECK(decode("\xf0\x9f\x98") == kFffd);  // cut off at the end: one for the whole sequence
}

// The example of the Unicode Standard, chapter 3, "U+FFFD Substitution of Maximal Subparts"
// (Table 3-8), which the WHATWG decoder follows.
TEST_CASE("the Unicode standard's substitution example") {
  const std::string expected =
      "a" + kFffd + kFffd + kFffd + "b" + kFffd + "c" + kFffd + kFffd + "d";
  CHECK(decode("\x61\xf1\x80\x80\xe1\x80\xc2\x62\x80\x63\x80\xbf\x64") == expected);
}

TEST_CASE("a byte that breaks a sequence is read again as a new start") {
  Utf8Decoder decoder;
  const auto lead = decoder.decode(0xe2);
  CHECK_FALSE(lead.broke_sequence);
  CHECK_FALSE(lead.code_point.has_value());
  CHECK(decoder.pending());

  const auto broken = decoder.decode('A');
  CHECK(broken.broke_sequence);
  REQUIRE(broken.code_point.has_value());
  CHECK(*broken.code_point == U'A');
  CHECK_FALSE(decoder.pending());
}

TEST_CASE("a code point completes on its last byte") {
  Utf8Decoder decoder;
  CHECK_FALSE(decoder.decode(0xf0).code_point.has_value());
  CHECK_FALSE(decoder.decode(0x9f).code_point.has_value());
  CHECK_FALSE(decoder.decode(0x98).code_point.has_value());
  const auto last = decoder.decode(0x80);
  CHECK_FALSE(last.broke_sequence);
  REQUIRE(last.code_point.has_value());
  CHECK(*last.code_point == U'\U0001F600');
}

TEST_CASE("append_utf8 writes the shortest form of every length") {
  std::string text;
  append_utf8(text, U'A');
  append_utf8(text, U'\u00e9');
  append_utf8(text, U'\u20ac');
  append_utf8(text, U'\U0001F600');
  CHECK(text == "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}
