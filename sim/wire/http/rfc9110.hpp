#pragma once
// The small pieces of HTTP grammar (RFC 9110 section 5.6) that both writing and reading need.

#include <cstddef>
#include <string_view>
#include <vector>

namespace pushlab::sim::wire::http {

// The character tests are inline: a simulation writes and reads millions of header bytes.

// tchar: the characters a token (a method, a field name, a coding) may hold.
inline bool is_tchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}
bool is_token(std::string_view text);

// A byte a field value may hold: visible ASCII, obs-text (0x80..0xff), space or tab.
inline bool is_field_value_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
}

// A whole field value: only field value bytes, and no space or tab at either end (those would be
// read back as optional whitespace and lost).
bool is_field_value(std::string_view text);

// Optional whitespace (OWS): spaces and tabs.
inline bool is_ows(char c) {
  return c == ' ' || c == '\t';
}
std::string_view trim_ows(std::string_view text);

// ASCII case-insensitive equality, as field names and tokens are compared.
bool iequals(std::string_view a, std::string_view b);

// Index of the first character of `text` that `allowed` refuses, or text.size().
template <class Allowed>
std::size_t first_not(std::string_view text, Allowed allowed) {
  std::size_t i = 0;
  while (i < text.size() && allowed(text[i])) ++i;
  return i;
}

// The elements of a comma-separated list (`#element`), each trimmed of OWS. Empty elements are
// kept (views into `text`, so a caller can tell where each element starts).
std::vector<std::string_view> split_list(std::string_view text);

}  // namespace pushlab::sim::wire::http
