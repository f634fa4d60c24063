#pragma once
// Hex text, as people type it and as a hex dump shows it.

#include <optional>
#include <string>
#include <string_view>

#include "sim/wire/bytes.hpp"

namespace pushlab::sim::wire {

// "81 05 48 65" (bytes separated by `separator`, lower case).
std::string to_hex(ByteView bytes, std::string_view separator = " ");

struct HexError {
  std::string reason;
  std::size_t position;  // index of the offending character in the text
};

// Reads hex digits, ignoring whitespace, ':' and '-' between bytes and a leading "0x" on any
// group. Fails on any other character or an odd number of digits.
struct ParsedHex {
  Bytes bytes;
  std::optional<HexError> error;
};
ParsedHex parse_hex(std::string_view text);

}  // namespace pushlab::sim::wire
