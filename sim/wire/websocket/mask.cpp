#include "sim/wire/websocket/mask.hpp"

namespace pushlab::sim::wire::websocket {

void apply_mask(std::span<std::uint8_t> bytes, const MaskingKey& key, std::uint64_t position) {
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] ^= key[(position + i) % 4];
}

}  // namespace pushlab::sim::wire::websocket
