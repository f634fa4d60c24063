#pragma once
// Every random stream of a run, allocated here and nowhere else. A stream is a function of the
// scenario's seed and its number alone (Rng::fork), so what one element draws never depends on
// how many others there are. Numbers are fixed forever: a new element takes new numbers, and no
// recorded Trace moves (tests/sim/transports/shipped_traces_test.cpp).
//
//   seed ─┬─ traffic: kTraffic + client * sources + source   (when each message is created)
//         └─ lane of transport T (TransportInfo::stream_id):
//              ├─ network:   T * kPerLane + kNetwork          (every link's jitter and loss)
//              └─ transport: T * kPerLane + kTransport        (masking keys, first poll times)
//
// The links of a lane share its network stream, in the order they send: a hop added to a lane
// (a balancer) would move the draws of the others. Issue 15 gives each hop a stream of its own.

#include <cstdint>

#include "sim/scenario/transport.hpp"

namespace pushlab::sim::streams {

inline constexpr std::uint64_t kPerLane = 16;
inline constexpr std::uint64_t kNetwork = 1;
inline constexpr std::uint64_t kTransport = 2;
inline constexpr std::uint64_t kTraffic = 1ull << 40;

inline std::uint64_t of_lane(Transport transport, std::uint64_t which) {
  return info(transport).stream_id * kPerLane + which;
}

}  // namespace pushlab::sim::streams
