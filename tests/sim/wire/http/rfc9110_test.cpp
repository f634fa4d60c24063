#include "sim/wire/http/rfc9110.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace pushlab::sim::wire::http;
using namespace std::literals;

TEST_CASE("tokens are made of tchar only (RFC 9110 section 5.6.2)") {
  CHECK(is_token("GET"));
  CHECK(is_token("Sec-WebSocket-Key"));
  CHECK(is_token("!#$%&'*+-.^_`|~09azAZ"));
  CHECK_FALSE(is_token(""));
  for (const char c : "\"(),/:;<=>?@[\\]{} \t\x7f"sv) {
    CAPTURE(c);
    CHECK_FALSE(is_token(std::string("a") + c));
  }
  CHECK_FALSE(is_token("caf\xc3\xa9"));
}

TEST_CASE("a field value has no control bytes and no whitespace at its ends") {
  CHECK(is_field_value(""));
  CHECK(is_field_value("text/html; charset=utf-8"));
  CHECK(is_field_value("a\tb"));
  CHECK(is_field_value("caf\xc3\xa9"));  // obs-text is allowed
  CHECK_FALSE(is_field_value("a\r\nInjected: yes"));
  CHECK_FALSE(is_field_value("a\nb"));
  CHECK_FALSE(is_field_value("a\0b"sv));
  CHECK_FALSE(is_field_value("a\x7f"));
  CHECK_FALSE(is_field_value(" a"));
  CHECK_FALSE(is_field_value("a\t"));
}

TEST_CASE("split_list trims each element and keeps empty ones in place") {
  const std::string_view text = " a , b,,\tc ";
  const auto elements = split_list(text);
  REQUIRE(elements.size() == 4);
  CHECK(elements[0] == "a");
  CHECK(elements[1] == "b");
  CHECK(elements[2] == "");
  CHECK(elements[3] == "c");
  CHECK(elements[1].data() - text.data() == 5);  // a view into the text, to locate errors
  CHECK(split_list("").size() == 1);
}

TEST_CASE("iequals folds ASCII case only") {
  CHECK(iequals("Content-Length", "content-LENGTH"));
  CHECK_FALSE(iequals("Content-Length", "Content-Length "));
  CHECK_FALSE(iequals("\xc3\xa9", "\xc3\x89"));  // é and É differ outside ASCII
}
