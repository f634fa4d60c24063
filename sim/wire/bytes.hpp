#pragma once
// The byte containers every wire format reads and writes.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pushlab::sim::wire {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline Bytes to_bytes(std::string_view text) {
  return Bytes(text.begin(), text.end());
}

inline std::string_view as_text(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

inline void append(Bytes& out, ByteView more) {
  out.insert(out.end(), more.begin(), more.end());
}

// Through unsigned char pointers, so the copy is one memcpy rather than a converting loop.
inline void append(Bytes& out, std::string_view more) {
  const auto* begin = reinterpret_cast<const std::uint8_t*>(more.data());
  out.insert(out.end(), begin, begin + more.size());
}

}  // namespace pushlab::sim::wire
