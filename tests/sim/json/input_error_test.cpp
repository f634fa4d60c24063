#include "sim/json/input_error.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace pushlab::sim::json;

TEST_CASE("an error at a value names the source and the pointer, or only the source at the root") {
  const InputError at_value("t.json", "/lanes/0", "unknown field");
  CHECK(std::string(at_value.what()) == "t.json: /lanes/0: unknown field");
  CHECK(at_value.source() == "t.json");
  CHECK(at_value.pointer() == "/lanes/0");
  CHECK(at_value.reason() == "unknown field");
  CHECK_FALSE(at_value.position().has_value());

  CHECK(std::string(InputError("t.json", "", "file not found").what()) == "t.json: file not found");
}

TEST_CASE("a syntax error names the line and column") {
  const InputError error("t.json", TextPosition{.line = 3, .column = 7}, "unexpected '}'");
  CHECK(std::string(error.what()) == "t.json: line 3, column 7: unexpected '}'");
  CHECK(error.pointer().empty());
  REQUIRE(error.position().has_value());
  CHECK(*error.position() == TextPosition{3, 7});
}
