#include "sim/json/read_value.hpp"

#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <string>
#include <vector>

#include "sim/json/input_error.hpp"

using namespace pushlab::sim::json;
using namespace std::chrono_literals;

namespace {

const Location kWhere = Location("t.json").field("x");

// what() of the error `read` throws, or "no error".
template <typename Read>
std::string error_of(Read read) {
  try {
    read();
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

enum class Colour { red, green };
constexpr std::array<Colour, 2> kColours = {Colour::red, Colour::green};
std::string_view to_string(Colour colour) {
  return colour == Colour::red ? "red" : "green";
}

}  // namespace

TEST_CASE("integers: unsigned, whole, within their range") {
  CHECK(read_integer(Json(7), kWhere, 0, 10) == 7);
  CHECK(read_integer(Json(7.0), kWhere, 0, 10) == 7);
  CHECK(error_of([] { read_integer(Json(-1), kWhere, 0, 10); }) ==
        "t.json: /x: -1 is out of range (expected an integer from 0 to 10)");
  CHECK(error_of([] { read_integer(Json(1.5), kWhere, 0, 10); }) ==
        "t.json: /x: 1.5 is not a whole number (expected an integer from 0 to 10)");
  CHECK(error_of([] { read_integer(Json("7"), kWhere, 0, 10); }) ==
        "t.json: /x: \"7\" has the wrong type (expected an integer)");
}

TEST_CASE("nanoseconds: a whole, non-negative count that fits std::chrono::nanoseconds") {
  CHECK(read_nanoseconds(Json(1500), kWhere) == 1500ns);
  CHECK(read_nanoseconds(Json(9223372036854775807), kWhere).count() == 9223372036854775807);
  CHECK(error_of([] { read_nanoseconds(Json(-1), kWhere); }) ==
        "t.json: /x: -1 is out of range (expected an integer from 0 to 9223372036854775807)");
  CHECK(error_of([] { read_nanoseconds(Json(9223372036854775808u), kWhere); }) ==
        "t.json: /x: 9223372036854775808 is out of range (expected an integer from 0 to "
        "9223372036854775807)");
}

TEST_CASE("seconds and milliseconds round to the nearest nanosecond") {
  const NumberRange range{.min = 0, .max = 10};
  CHECK(read_seconds(Json(0.1), kWhere, range) == 100ms);
  CHECK(read_milliseconds(Json(1.5), kWhere, range) == 1500us);
  CHECK(error_of([&] { read_seconds(Json(11), kWhere, range); }) ==
        "t.json: /x: 11 is out of range (expected a number from 0 to 10)");
}

TEST_CASE("an enum is read by the JSON names its to_string gives") {
  CHECK(read_enum(Json("green"), kWhere, kColours, "a colour") == Colour::green);
  CHECK(error_of([] { read_enum(Json("blue"), kWhere, kColours, "a colour"); }) ==
        "t.json: /x: \"blue\" is not a colour (expected one of red, green)");
}

TEST_CASE("a list reads each item at its own pointer") {
  const auto read_digit = [](const Json& item, const Location& at) {
    return read_integer(item, at, 0, 9);
  };
  CHECK(read_list(Json::array({1, 2}), kWhere, read_digit) == std::vector<std::uint64_t>{1, 2});
  CHECK(read_list(Json::array(), kWhere, read_digit).empty());
  CHECK(error_of([&] {
          read_list(Json::array({1, 2, "3"}), kWhere, read_digit);
        }) == "t.json: /x/2: \"3\" has the wrong type (expected an integer)");
  CHECK(error_of([&] { read_list(Json::object(), kWhere, read_digit); }) ==
        "t.json: /x: {} has the wrong type (expected an array)");
}
