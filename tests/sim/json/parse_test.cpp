#include "sim/json/parse.hpp"

#include <doctest/doctest.h>

#include <string>

#include "sim/json/input_error.hpp"

using namespace pushlab::sim::json;

namespace {

std::string error_of(std::string_view text) {
  try {
    parse_text(text, "t.json");
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("parse_text keeps the order of the fields as written") {
  CHECK(parse_text(R"({"b": 1, "a": [true, null]})", "t.json").dump() ==
        R"({"b":1,"a":[true,null]})");
}

TEST_CASE("a syntax error gives the line and column of the offending character") {
  CHECK(error_of("[1,\n 2,,]") ==
        "t.json: line 2, column 4: syntax error while parsing value - unexpected ','; expected "
        "'[', '{', or a literal");
  try {
    parse_text("{\n\n  x", "t.json");
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    CHECK(*error.position() == TextPosition{3, 3});
  }
}

TEST_CASE("a repeated key is refused wherever it sits, with its pointer") {
  CHECK(error_of(R"({"a": 1, "a": 2})") ==
        "t.json: /a: duplicate field (expected each field once per object)");
  CHECK(error_of(R"({"a": [{}, {"b": [0, {"c": 1, "c": 1}]}]})") ==
        "t.json: /a/1/b/1/c: duplicate field (expected each field once per object)");
  CHECK(error_of(R"([{"a": 1}, {"a": 1}])") == "no error");
}

TEST_CASE("a number too large for a double is an error, not infinity") {
  CHECK(error_of("[1e400]") == "t.json: number overflow parsing '1e400'");
}
