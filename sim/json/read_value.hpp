#pragma once
// Reading one untrusted JSON value into a typed one. Every function either returns a valid value
// or throws an InputError that names where the value sits, the value, and what was expected:
//
//   read_integer(Json(-5), where, 0, 10)
//   // "SOURCE: /pointer: -5 is out of range (expected an integer from 0 to 10)"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sim/json/json.hpp"
#include "sim/json/location.hpp"
#include "sim/json/number_range.hpp"

namespace pushlab::sim::json {

// "a number from 0 to 60000", "a number greater than 0 and at most 86400", ...
std::string describe(const NumberRange& range);
// "an integer from 1 to 64"
std::string describe_integers(std::uint64_t min, std::uint64_t max);

[[noreturn]] void fail_type(const Json& value, const Location& where, std::string_view expected);
[[noreturn]] void fail_range(const Json& value, const Location& where, std::string_view expected);

double read_number(const Json& value, const Location& where, const NumberRange& range);
// Every integer field is a count, a size, an id or a time, hence unsigned. 3.0 is accepted, 1.5
// is not.
std::uint64_t read_integer(const Json& value, const Location& where, std::uint64_t min,
                           std::uint64_t max);
bool read_bool(const Json& value, const Location& where);
const std::string& read_string(const Json& value, const Location& where);
const Json::array_t& read_array(const Json& value, const Location& where);
// `range` is in the JSON's unit; the result is rounded to the nearest nanosecond, and a range
// that excludes its minimum also excludes values that round to it.
std::chrono::nanoseconds read_seconds(const Json& value, const Location& where,
                                      const NumberRange& range);
std::chrono::nanoseconds read_milliseconds(const Json& value, const Location& where,
                                           const NumberRange& range);
// A whole number of nanoseconds, from 0 to the most std::chrono::nanoseconds holds (~292 years).
std::chrono::nanoseconds read_nanoseconds(const Json& value, const Location& where);
// The index of the string in `names`; `noun` names the kind: "a transport".
std::size_t read_choice(const Json& value, const Location& where,
                        std::span<const std::string_view> names, std::string_view noun);

// An array whose items `read_item(item, item_location)` reads, one by one, into a vector.
template <typename ReadItem>
auto read_list(const Json& value, const Location& where, ReadItem read_item) {
  const Json::array_t& items = read_array(value, where);
  std::vector<std::invoke_result_t<ReadItem&, const Json&, const Location&>> list;
  list.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) list.push_back(read_item(items[i], where.item(i)));
  return list;
}

// One of a small enum's values, by the JSON name its to_string gives.
template <typename Enum, std::size_t N>
Enum read_enum(const Json& value, const Location& where, const std::array<Enum, N>& values,
               std::string_view noun) {
  std::array<std::string_view, N> names;
  for (std::size_t i = 0; i < N; ++i) names[i] = to_string(values[i]);
  return values[read_choice(value, where, names, noun)];
}

}  // namespace pushlab::sim::json
