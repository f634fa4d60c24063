#include "sim/wire/base64.hpp"

#include <array>

namespace pushlab::sim::wire {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c) {
  const auto at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

}  // namespace

std::string base64_encode(ByteView bytes) {
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = bytes[i] << 16;
    if (n > 1) group |= bytes[i + 1] << 8;
    if (n > 2) group |= bytes[i + 2];
    text += kAlphabet[group >> 18 & 63];
    text += kAlphabet[group >> 12 & 63];
    text += n > 1 ? kAlphabet[group >> 6 & 63] : '=';
    text += n > 2 ? kAlphabet[group & 63] : '=';
  }
  return text;
}

std::optional<Bytes> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  Bytes bytes;
  bytes.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    std::array<int, 4> s{};
    int padding = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = text[i + k];
      if (c == '=' && last && k >= 2) {
        ++padding;
        s[k] = 0;
        continue;
      }
      if (padding > 0) return std::nullopt;  // data after '='
      s[k] = sextet(c);
      if (s[k] < 0) return std::nullopt;
    }
    const std::uint32_t group = s[0] << 18 | s[1] << 12 | s[2] << 6 | s[3];
    bytes.push_back(group >> 16 & 0xff);
    if (padding < 2) bytes.push_back(group >> 8 & 0xff);
    if (padding < 1) bytes.push_back(group & 0xff);
  }
  return bytes;
}

}  // namespace pushlab::sim::wire
