#pragma once
// What RFC 9110 allows in the extra header fields a scenario adds to every HTTP message.

#include <string_view>

namespace pushlab::sim::detail {

inline constexpr std::string_view kHttpTokenDescription =
    "an HTTP token: letters, digits and !#$%&'*+-.^_`|~";
inline constexpr std::string_view kHeaderValueDescription =
    "no CR, LF or NUL, and no space or tab at either end";

// A field name: one or more tchar (RFC 9110, section 5.6.2).
bool is_http_token(std::string_view name);

// A field value the wire can carry unchanged: CR, LF and NUL would end or corrupt the message, and
// a decoder strips spaces and tabs at either end (RFC 9110, section 5.5).
bool is_header_value(std::string_view value);

}  // namespace pushlab::sim::detail
