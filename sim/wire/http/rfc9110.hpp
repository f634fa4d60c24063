#pragma once
// The small pieces of HTTP grammar (RFC 9110 section 5.6) that both writing and reading need.

#include <cstddef>
#include <string_view>
#include <vector>

namespace pushlab::sim::wire::http {

// tchar: the characters a token (a method, a field name, a coding) may hold.
bool is_tchar(char c);
bool is_token(std::string_view text);

// A byte a field value may hold: visible ASCII, obs-text (0x80..0xff), space or tab.
bool is_field_value_char(char c);

// A whole field value: only field value bytes, and no space or tab at either end (those would be
// read back as optional whitespace and lost).
bool is_field_value(std::string_view text);

// Optional whitespace (OWS): spaces and tabs.
bool is_ows(char c);
std::string_view trim_ows(std::string_view text);

// ASCII case-insensitive equality, as field names and tokens are compared.
bool iequals(std::string_view a, std::string_view b);

// Index of the first character of `text` that `allowed` refuses, or text.size().
std::size_t first_not(std::string_view text, bool (*allowed)(char));

// The elements of a comma-separated list (`#element`), each trimmed of OWS. Empty elements are
// kept (views into `text`, so a caller can tell where each element starts).
std::vector<std::string_view> split_list(std::string_view text);

}  // namespace pushlab::sim::wire::http
