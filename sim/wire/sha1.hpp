#pragma once
// SHA-1, from OpenSSL: the digest the WebSocket opening handshake is built on.

#include <array>
#include <cstdint>

#include "sim/wire/bytes.hpp"

namespace pushlab::sim::wire {

using Sha1Digest = std::array<std::uint8_t, 20>;

Sha1Digest sha1(ByteView bytes);

}  // namespace pushlab::sim::wire
