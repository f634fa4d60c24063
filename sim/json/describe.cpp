#include "sim/json/describe.hpp"

#include <charconv>
#include <cmath>

namespace pushlab::sim::json {

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

}  // namespace

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

}  // namespace pushlab::sim::json
