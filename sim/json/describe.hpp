#pragma once
// How error messages quote what they found and list what they expected.

#include <span>
#include <string>
#include <string_view>

#include "sim/json/json.hpp"

namespace pushlab::sim::json {

// A value as a message quotes it: 5, 1.5, "web-socket", [...]; long strings are cut short.
std::string describe(const Json& value);

// A number as people write it: 60000, 0.5, 0.00001.
std::string format_number(double value);

// "a, b, c"
std::string join(std::span<const std::string_view> names);

}  // namespace pushlab::sim::json
