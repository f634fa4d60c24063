#include "sim/scenario/detail/header_syntax.hpp"

#include <algorithm>
#include <array>

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

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](char x, char y) { return lower(x) == lower(y); });
}

}  // namespace

bool is_http_token(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), is_tchar);
}

bool is_header_value(std::string_view value) {
  if (std::any_of(value.begin(), value.end(), is_line_breaking)) return false;
  return value.empty() || (!is_blank(value.front()) && !is_blank(value.back()));
}

bool is_simulator_field(std::string_view name) {
  constexpr std::array<std::string_view, 13> kWritten = {"Host",
                                                         "Content-Length",
                                                         "Transfer-Encoding",
                                                         "Connection",
                                                         "Upgrade",
                                                         "Keep-Alive",
                                                         "TE",
                                                         "Trailer",
                                                         "Sec-WebSocket-Key",
                                                         "Sec-WebSocket-Accept",
                                                         "Sec-WebSocket-Version",
                                                         "Sec-WebSocket-Extensions",
                                                         "Last-Event-ID"};
  return std::any_of(kWritten.begin(), kWritten.end(),
                     [&](std::string_view written) { return equal_ignoring_case(name, written); });
}

}  // namespace pushlab::sim::detail
