#pragma once
// How long socket.io-client's Manager waits before reconnect attempt `attempt` (from 0):
// reconnectionDelay 1000 ms doubling per attempt, moved by up to randomizationFactor 0.5 of
// itself (down when the draw's tenths digit is even, up when it is odd), at most
// reconnectionDelayMax 5000 ms (lib/manager.ts, lib/contrib/backo2.ts). Shared by the simulated
// and the live Engine.IO clients.

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "sim/engine/nanoseconds.hpp"
#include "sim/engine/rng.hpp"

namespace pushlab::sim {

inline Nanoseconds socketio_reconnect_delay(int attempt, Rng& rng) {
  double ms = 1000.0 * std::pow(2.0, attempt);
  const double draw = rng.uniform();
  const double deviation = std::floor(draw * 0.5 * ms);
  ms = (static_cast<int>(std::floor(draw * 10)) & 1) == 0 ? ms - deviation : ms + deviation;
  return std::chrono::milliseconds{static_cast<std::int64_t>(std::min(ms, 5000.0))};
}

}  // namespace pushlab::sim
