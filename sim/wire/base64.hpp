#pragma once
// Base64 (RFC 4648, with padding), as Sec-WebSocket-Key and Sec-WebSocket-Accept use it.

#include <optional>
#include <string>
#include <string_view>

#include "sim/wire/bytes.hpp"

namespace pushlab::sim::wire {

std::string base64_encode(ByteView bytes);

// Strict: only the standard alphabet, length a multiple of 4, padding only at the end.
std::optional<Bytes> base64_decode(std::string_view text);

}  // namespace pushlab::sim::wire
