#pragma once
// The line that opens each chunk of a chunked body (RFC 9112 section 7.1):
//   chunk-size [ chunk-ext ] CRLF, with chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] )
// Extensions carry nothing anyone uses; they are checked for stray bytes and dropped.

#include <cstdint>
#include <string_view>
#include <variant>

#include "sim/wire/decode_error.hpp"

namespace pushlab::sim::wire::http::detail {

// The chunk size, or what is wrong. `offset` is the stream offset of the line's first byte.
std::variant<std::uint64_t, DecodeError> parse_chunk_size_line(std::string_view line,
                                                               std::uint64_t offset);

}  // namespace pushlab::sim::wire::http::detail
