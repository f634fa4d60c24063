#include "sim/json/object_reader.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string>

#include "sim/json/input_error.hpp"

using namespace pushlab::sim::json;

namespace {

constexpr std::array<std::string_view, 2> kFields = {"latency_ms", "tls"};

std::string error_of(const Json& value) {
  try {
    const ObjectReader object(value, Location("t.json"), kFields);
    object.require("tls", "always");
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("an unknown field is refused first, with the nearest known one suggested") {
  CHECK(error_of({{"latncy_ms", 5}}) ==
        "t.json: /latncy_ms: unknown field (expected one of latency_ms, tls; did you mean "
        "latency_ms?)");
  CHECK(error_of({{"colour", 5}}) ==
        "t.json: /colour: unknown field (expected one of latency_ms, tls)");
}

TEST_CASE("a missing required field and a value that is no object are named") {
  CHECK(error_of({{"latency_ms", 5}}) == "t.json: missing field \"tls\" (expected always)");
  CHECK(error_of(Json::array()) == "t.json: [] has the wrong type (expected an object)");
  CHECK(error_of({{"tls", true}}) == "no error");
}

TEST_CASE("optional fields keep their default when absent") {
  const Json value = {{"tls", true}};
  const ObjectReader object(value, Location("t.json"), kFields);
  bool tls = false;
  double latency = 50;
  object.read_bool("tls", tls);
  object.read_number("latency_ms", NumberRange{.min = 0, .max = 100}, latency);
  CHECK(tls);
  CHECK(latency == 50);
}
