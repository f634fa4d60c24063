#include "sim/scenario/detail/json_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "sim/scenario/detail/closest_name.hpp"
#include "sim/scenario/detail/units.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace pushlab::sim::detail {

namespace {

constexpr std::size_t kQuotedStringLimit = 40;

// Cut at a UTF-8 character boundary so the quote stays valid text.
std::string shortened(const std::string& text) {
  if (text.size() <= kQuotedStringLimit) return text;
  std::size_t end = kQuotedStringLimit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
  return text.substr(0, end);
}

std::string quote(const std::string& text) {
  const std::string cut = shortened(text);
  std::string quoted = Json(cut).dump(-1, ' ', false, Json::error_handler_t::replace);
  if (cut.size() < text.size()) quoted.insert(quoted.size() - 1, "...");
  return quoted;
}

std::string describe_container(const Json& value) {
  if (value.is_object()) return value.empty() ? "{}" : "{...}";
  return value.empty() ? "[]" : "[...]";
}

bool in_range(double value, const NumberRange& range) {
  const bool above = range.excludes_min ? value > range.min : value >= range.min;
  const bool below = range.excludes_max ? value < range.max : value <= range.max;
  return above && below;  // false for NaN
}

std::string describe_integers(std::uint64_t min, std::uint64_t max) {
  return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

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

Nanoseconds read_time(const Json& value, const Location& where, const NumberRange& range,
                      double nanoseconds_per_unit) {
  const Nanoseconds time = from_unit(read_number(value, where, range), nanoseconds_per_unit);
  if (range.excludes_min && time <= from_unit(range.min, nanoseconds_per_unit)) {
    fail_range(value, where, describe(range));
  }
  return time;
}

}  // namespace

void Location::fail(std::string reason) const {
  throw ScenarioError(std::string(source_), pointer(), std::move(reason));
}

std::string describe(const Json& value) {
  if (value.is_string()) return quote(value.get_ref<const std::string&>());
  if (value.is_structured()) return describe_container(value);
  if (value.is_number_float() && !std::isfinite(value.get<double>())) {
    return format_number(value.get<double>());
  }
  return value.dump();
}

std::string format_number(double value) {
  char text[64];
  const auto result = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed);
  if (result.ec != std::errc{}) return std::to_string(value);
  return std::string(text, result.ptr);
}

std::string join(std::span<const std::string_view> names) {
  std::string joined;
  for (const std::string_view name : names) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
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

Nanoseconds read_seconds(const Json& value, const Location& where, const NumberRange& range) {
  return read_time(value, where, range, kNanosecondsPerSecond);
}

Nanoseconds read_milliseconds(const Json& value, const Location& where, const NumberRange& range) {
  return read_time(value, where, range, kNanosecondsPerMillisecond);
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

ObjectReader::ObjectReader(const Json& value, Location where,
                           std::span<const std::string_view> known_fields)
    : json_(value), where_(std::move(where)) {
  if (!json_.is_object()) fail_type(json_, where_, "an object");
  for (const auto& [name, field_value] : json_.items()) {
    if (std::find(known_fields.begin(), known_fields.end(), name) != known_fields.end()) continue;
    std::string reason = "unknown field (expected one of " + join(known_fields);
    if (const auto suggestion = closest_name(name, known_fields)) {
      reason += "; did you mean " + std::string(*suggestion) + "?";
    }
    location(name).fail(reason + ")");
  }
}

const Json* ObjectReader::find(std::string_view field) const {
  const auto found = json_.find(field);
  return found == json_.end() ? nullptr : &*found;
}

const Json& ObjectReader::require(std::string_view field, std::string_view expected) const {
  const Json* value = find(field);
  if (value == nullptr) {
    where_.fail("missing field \"" + std::string(field) + "\" (expected " + std::string(expected) +
                ")");
  }
  return *value;
}

void ObjectReader::read_number(std::string_view field, const NumberRange& range,
                               double& out) const {
  if (const Json* value = find(field)) out = detail::read_number(*value, location(field), range);
}

void ObjectReader::read_bool(std::string_view field, bool& out) const {
  if (const Json* value = find(field)) out = detail::read_bool(*value, location(field));
}

void ObjectReader::read_string(std::string_view field, std::string& out) const {
  if (const Json* value = find(field)) out = detail::read_string(*value, location(field));
}

void ObjectReader::read_seconds(std::string_view field, const NumberRange& range,
                                Nanoseconds& out) const {
  if (const Json* value = find(field)) out = detail::read_seconds(*value, location(field), range);
}

void ObjectReader::read_milliseconds(std::string_view field, const NumberRange& range,
                                     Nanoseconds& out) const {
  if (const Json* value = find(field)) {
    out = detail::read_milliseconds(*value, location(field), range);
  }
}

void ObjectReader::read_milliseconds(std::string_view field, const NumberRange& range,
                                     std::optional<Nanoseconds>& out) const {
  if (const Json* value = find(field)) {
    out = detail::read_milliseconds(*value, location(field), range);
  }
}

}  // namespace pushlab::sim::detail
