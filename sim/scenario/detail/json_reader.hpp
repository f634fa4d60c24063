#pragma once
// Reading untrusted JSON into typed values. Every function either returns a valid value or throws
// a ScenarioError that names where the value sits, the value, and what was expected.

#include <array>
#include <concepts>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "sim/scenario/nanoseconds.hpp"

namespace pushlab::sim::detail {

// Ordered, so header fields keep the order of the file.
using Json = nlohmann::ordered_json;

// Where a value sits: the file it came from and its JSON pointer.
class Location {
 public:
  explicit Location(std::string_view source) : source_(source) {}

  Location field(std::string_view name) const { return {source_, pointer_ / std::string(name)}; }
  Location item(std::size_t index) const { return {source_, pointer_ / index}; }
  std::string pointer() const { return pointer_.to_string(); }

  [[noreturn]] void fail(std::string reason) const;

 private:
  Location(std::string_view source, Json::json_pointer pointer)
      : source_(source), pointer_(std::move(pointer)) {}

  std::string_view source_;
  Json::json_pointer pointer_;
};

// A value as a message quotes it: 5, 1.5, "web-socket", [...]; long strings are cut short.
std::string describe(const Json& value);

// A number as people write it: 60000, 0.5, 0.00001.
std::string format_number(double value);

// "a, b, c"
std::string join(std::span<const std::string_view> names);

struct NumberRange {
  double min = 0;
  double max = 0;
  bool excludes_min = false;
  bool excludes_max = false;
};

// "a number from 0 to 60000", "a number greater than 0 and at most 86400", ...
std::string describe(const NumberRange& range);

[[noreturn]] void fail_type(const Json& value, const Location& where, std::string_view expected);
[[noreturn]] void fail_range(const Json& value, const Location& where, std::string_view expected);

double read_number(const Json& value, const Location& where, const NumberRange& range);
// Every integer field is a count or a seed, hence unsigned. 3.0 is accepted, 1.5 is not.
std::uint64_t read_integer(const Json& value, const Location& where, std::uint64_t min,
                           std::uint64_t max);
bool read_bool(const Json& value, const Location& where);
const std::string& read_string(const Json& value, const Location& where);
const Json::array_t& read_array(const Json& value, const Location& where);
// `range` is in the JSON's unit; the result is rounded to the nearest nanosecond, and a range
// that excludes its minimum also excludes values that round to it.
Nanoseconds read_seconds(const Json& value, const Location& where, const NumberRange& range);
Nanoseconds read_milliseconds(const Json& value, const Location& where, const NumberRange& range);
// The index of the string in `names`; `noun` names the kind: "a transport".
std::size_t read_choice(const Json& value, const Location& where,
                        std::span<const std::string_view> names, std::string_view noun);

// One of a small enum's values, by the JSON name its to_string gives.
template <typename Enum, std::size_t N>
Enum read_enum(const Json& value, const Location& where, const std::array<Enum, N>& values,
               std::string_view noun) {
  std::array<std::string_view, N> names;
  for (std::size_t i = 0; i < N; ++i) names[i] = to_string(values[i]);
  return values[read_choice(value, where, names, noun)];
}

// An object's fields. It refuses any field it does not know before anything else: a misspelt field
// is more often the real mistake than the "missing field" it causes.
class ObjectReader {
 public:
  ObjectReader(const Json& value, Location where, std::span<const std::string_view> known_fields);

  const Json& json() const { return json_; }
  const Location& location() const { return where_; }
  Location location(std::string_view field) const { return where_.field(field); }

  const Json* find(std::string_view field) const;
  // Fails with `missing field "x" (expected ...)` when absent; `expected` says when it is needed.
  const Json& require(std::string_view field, std::string_view expected) const;

  // Each reads the field into `out` when present and leaves `out` (the default) when absent.
  void read_number(std::string_view field, const NumberRange& range, double& out) const;
  void read_bool(std::string_view field, bool& out) const;
  void read_string(std::string_view field, std::string& out) const;
  void read_seconds(std::string_view field, const NumberRange& range, Nanoseconds& out) const;
  void read_milliseconds(std::string_view field, const NumberRange& range, Nanoseconds& out) const;
  void read_milliseconds(std::string_view field, const NumberRange& range,
                         std::optional<Nanoseconds>& out) const;
  template <std::integral Integer>
  void read_integer(std::string_view field, Integer min, Integer max, Integer& out) const {
    if (const Json* value = find(field)) {
      out = static_cast<Integer>(detail::read_integer(*value, location(field),
                                                      static_cast<std::uint64_t>(min),
                                                      static_cast<std::uint64_t>(max)));
    }
  }

 private:
  const Json& json_;
  Location where_;
};

}  // namespace pushlab::sim::detail
