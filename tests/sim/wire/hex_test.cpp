#include "sim/wire/hex.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim::wire;

TEST_CASE("to_hex writes lower-case pairs with the chosen separator") {
  const Bytes bytes{0x81, 0x05, 0xab, 0x00};
  CHECK(to_hex(bytes) == "81 05 ab 00");
  CHECK(to_hex(bytes, "") == "8105ab00");
  CHECK(to_hex(Bytes{}) == "");
}

TEST_CASE("parse_hex accepts the ways people type bytes") {
  CHECK(parse_hex("8105ab00").bytes == Bytes{0x81, 0x05, 0xab, 0x00});
  CHECK(parse_hex("81 05 AB 00").bytes == Bytes{0x81, 0x05, 0xab, 0x00});
  CHECK(parse_hex("0x81 0x05").bytes == Bytes{0x81, 0x05});
  CHECK(parse_hex("81:05-ab,\n00").bytes == Bytes{0x81, 0x05, 0xab, 0x00});
  CHECK(parse_hex("0x8105").bytes == Bytes{0x81, 0x05});
  CHECK_FALSE(parse_hex("").error.has_value());
}

TEST_CASE("parse_hex names the bad character and where it is") {
  const auto bad_digit = parse_hex("81 0g");
  REQUIRE(bad_digit.error.has_value());
  CHECK(bad_digit.error->position == 4);
  CHECK(bad_digit.error->reason == "'g' is not a hex digit");

  const auto odd = parse_hex("81 0");
  REQUIRE(odd.error.has_value());
  CHECK(odd.error->position == 3);
  CHECK(odd.error->reason == "a byte needs two hex digits");

  const auto bare_prefix = parse_hex("81 0x");
  REQUIRE(bare_prefix.error.has_value());
  CHECK(bare_prefix.error->position == 4);
  CHECK(bare_prefix.error->reason == "'x' is not a hex digit");

  const auto split = parse_hex("8 1");
  REQUIRE(split.error.has_value());
  CHECK(split.error->position == 0);
}
