#include "sim/wire/hex.hpp"

#include <cctype>

namespace pushlab::sim::wire {

namespace {

constexpr std::string_view kDigits = "0123456789abcdef";

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_separator(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == ':' || c == '-' || c == ',';
}

std::string describe(char c) {
  if (std::isprint(static_cast<unsigned char>(c))) return std::string("'") + c + "'";
  return "byte " + std::to_string(static_cast<unsigned char>(c));
}

}  // namespace

std::string to_hex(ByteView bytes, std::string_view separator) {
  std::string text;
  text.reserve(bytes.size() * (2 + separator.size()));
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) text += separator;
    text += kDigits[bytes[i] >> 4];
    text += kDigits[bytes[i] & 0x0f];
  }
  return text;
}

ParsedHex parse_hex(std::string_view text) {
  ParsedHex result;
  int high = -1;  // first digit of a byte still waiting for its second
  std::size_t high_position = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool at_group_start = i == 0 || is_separator(text[i - 1]);
    if (high < 0 && at_group_start && c == '0' && i + 2 < text.size() &&
        (text[i + 1] == 'x' || text[i + 1] == 'X') && digit_value(text[i + 2]) >= 0) {
      ++i;  // skip "0x"
      continue;
    }
    if (is_separator(c)) {
      if (high >= 0) {
        result.error = HexError{"a byte needs two hex digits", high_position};
        return result;
      }
      continue;
    }
    const int value = digit_value(c);
    if (value < 0) {
      result.error = HexError{describe(c) + " is not a hex digit", i};
      return result;
    }
    if (high < 0) {
      high = value;
      high_position = i;
    } else {
      result.bytes.push_back(static_cast<std::uint8_t>(high << 4 | value));
      high = -1;
    }
  }
  if (high >= 0) result.error = HexError{"a byte needs two hex digits", high_position};
  return result;
}

}  // namespace pushlab::sim::wire
