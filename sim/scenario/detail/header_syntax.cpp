#include "sim/scenario/detail/header_syntax.hpp"

#include <algorithm>
#include <cctype>

namespace pushlab::sim::detail {

namespace {

bool is_tchar(char c) {
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  const bool digit = c >= '0' && c <= '9';
  return letter || digit || kSymbols.find(c) != std::string_view::npos;
}

bool is_line_breaking(char c) {
  return c == '\r' || c == '\n' || c == '\0';
}

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

bool is_http_token(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), is_tchar);
}

bool is_header_value(std::string_view value) {
  if (std::any_of(value.begin(), value.end(), is_line_breaking)) return false;
  return value.empty() || (!is_blank(value.front()) && !is_blank(value.back()));
}

}  // namespace pushlab::sim::detail
