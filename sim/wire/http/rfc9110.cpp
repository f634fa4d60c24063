#include "sim/wire/http/rfc9110.hpp"

#include <algorithm>

namespace pushlab::sim::wire::http {

namespace {

char to_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!is_tchar(c)) return false;
  }
  return true;
}

bool is_field_value(std::string_view text) {
  for (const char c : text) {
    if (!is_field_value_char(c)) return false;
  }
  return text.empty() || (!is_ows(text.front()) && !is_ows(text.back()));
}

std::string_view trim_ows(std::string_view text) {
  while (!text.empty() && is_ows(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ows(text.back())) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

std::vector<std::string_view> split_list(std::string_view text) {
  std::vector<std::string_view> elements;
  while (true) {
    const auto comma = text.find(',');
    elements.push_back(trim_ows(text.substr(0, comma)));
    if (comma == std::string_view::npos) return elements;
    text.remove_prefix(comma + 1);
  }
}

}  // namespace pushlab::sim::wire::http
