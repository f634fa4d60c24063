#pragma once
// The first line of a message: the request line (RFC 9112 section 3) or the status line
// (section 4). Each parser fills in the start line fields of its message or says which byte is
// wrong.

#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/wire/decode_error.hpp"
#include "sim/wire/http/message.hpp"

namespace pushlab::sim::wire::http::detail {

// `offset` is the stream offset of the line's first byte; `line` has no line end.
std::optional<DecodeError> parse_start_line(std::string_view line, std::uint64_t offset,
                                            Request& request);
std::optional<DecodeError> parse_start_line(std::string_view line, std::uint64_t offset,
                                            Response& response);

// Not empty, and only visible ASCII: a URI, an authority or "*" (RFC 9112 section 3.2).
bool is_request_target(std::string_view target);

// "HTTP/1.0" and "HTTP/1.1", the versions this HTTP/1 reader and writer speak.
bool is_supported_version(std::string_view version);

}  // namespace pushlab::sim::wire::http::detail
