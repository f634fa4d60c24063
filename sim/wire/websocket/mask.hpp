#pragma once
// Section 5.3: octet i of the payload is XORed with octet i MOD 4 of the masking key.
// Masking and unmasking are the same operation.

#include <cstdint>
#include <span>

#include "sim/wire/websocket/frame.hpp"

namespace pushlab::sim::wire::websocket {

// Masks `bytes` in place; `position` is the index of bytes[0] within the whole payload, so a
// payload can be masked in pieces.
void apply_mask(std::span<std::uint8_t> bytes, const MaskingKey& key, std::uint64_t position = 0);

}  // namespace pushlab::sim::wire::websocket
