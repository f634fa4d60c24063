#include "sim/json/read_value.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "sim/json/describe.hpp"
#include "sim/json/units.hpp"

namespace pushlab::sim::json {

namespace {

// An integral JSON value; nullopt when negative (every integer field is unsigned).
std::optional<std::uint64_t> unsigned_value(const Json& value) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  const auto signed_value = value.get<std::int64_t>();
  if (signed_value < 0) return std::nullopt;
  return static_cast<std::uint64_t>(signed_value);
}

// 2^64 as a double: the first float too large for std::uint64_t.
constexpr double kTwoToThe64 = 18446744073709551616.0;

std::uint64_t whole_float_value(const Json& value, const Location& where,
                                const std::string& expected) {
  const double number = value.get<double>();
  if (std::isfinite(number) && number != std::floor(number)) {
    where.fail(describe(value) + " is not a whole number (expected " + expected + ")");
  }
  if (!(number >= 0 && number < kTwoToThe64)) fail_range(value, where, expected);
  return static_cast<std::uint64_t>(number);
}

std::chrono::nanoseconds read_time(const Json& value, const Location& where,
                                   const NumberRange& range, double nanoseconds_per_unit) {
  const auto time = from_unit(read_number(value, where, range), nanoseconds_per_unit);
  if (range.excludes_min && time <= from_unit(range.min, nanoseconds_per_unit)) {
    fail_range(value, where, describe(range));
  }
  return time;
}

}  // namespace

std::string describe_integers(std::uint64_t min, std::uint64_t max) {
  return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

std::string describe(const NumberRange& range) {
  const std::string min = format_number(range.min);
  const std::string max = format_number(range.max);
  if (range.excludes_min && range.excludes_max) {
    return "a number greater than " + min + " and less than " + max;
  }
  if (range.excludes_min) return "a number greater than " + min + " and at most " + max;
  if (range.excludes_max) return "a number at least " + min + " and less than " + max;
  return "a number from " + min + " to " + max;
}

void fail_type(const Json& value, const Location& where, std::string_view expected) {
  where.fail(describe(value) + " has the wrong type (expected " + std::string(expected) + ")");
}

void fail_range(const Json& value, const Location& where, std::string_view expected) {
  where.fail(describe(value) + " is out of range (expected " + std::string(expected) + ")");
}

double read_number(const Json& value, const Location& where, const NumberRange& range) {
  if (!value.is_number()) fail_type(value, where, "a number");
  const double number = value.get<double>();
  if (!in_range(number, range)) fail_range(value, where, describe(range));
  return number;
}

std::uint64_t read_integer(const Json& value, const Location& where, std::uint64_t min,
                           std::uint64_t max) {
  const std::string expected = describe_integers(min, max);
  if (!value.is_number()) fail_type(value, where, "an integer");
  std::optional<std::uint64_t> integer;
  if (value.is_number_float()) {
    integer = whole_float_value(value, where, expected);
  } else {
    integer = unsigned_value(value);
  }
  if (!integer || *integer < min || *integer > max) fail_range(value, where, expected);
  return *integer;
}

bool read_bool(const Json& value, const Location& where) {
  if (!value.is_boolean()) fail_type(value, where, "true or false");
  return value.get<bool>();
}

const std::string& read_string(const Json& value, const Location& where) {
  if (!value.is_string()) fail_type(value, where, "a string");
  return value.get_ref<const std::string&>();
}

const Json::array_t& read_array(const Json& value, const Location& where) {
  if (!value.is_array()) fail_type(value, where, "an array");
  return value.get_ref<const Json::array_t&>();
}

std::chrono::nanoseconds read_seconds(const Json& value, const Location& where,
                                      const NumberRange& range) {
  return read_time(value, where, range, kNanosecondsPerSecond);
}

std::chrono::nanoseconds read_milliseconds(const Json& value, const Location& where,
                                           const NumberRange& range) {
  return read_time(value, where, range, kNanosecondsPerMillisecond);
}

std::chrono::nanoseconds read_nanoseconds(const Json& value, const Location& where) {
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  return std::chrono::nanoseconds{static_cast<std::int64_t>(read_integer(value, where, 0, kMax))};
}

std::size_t read_choice(const Json& value, const Location& where,
                        std::span<const std::string_view> names, std::string_view noun) {
  const std::string& text = read_string(value, where);
  const auto found = std::find(names.begin(), names.end(), text);
  if (found == names.end()) {
    where.fail(describe(value) + " is not " + std::string(noun) + " (expected one of " +
               join(names) + ")");
  }
  return static_cast<std::size_t>(found - names.begin());
}

}  // namespace pushlab::sim::json
