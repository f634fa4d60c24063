#pragma once
// Every random stream of a run, allocated here and nowhere else. A stream is a function of the
// scenario's seed and its number alone (Rng::fork), so what one element draws never depends on
// how many others there are. Numbers are fixed forever: a new element takes new numbers, and no
// recorded Trace moves (tests/sim/transports/shipped_traces_test.cpp).
//
//   seed ─┬─ traffic: kTraffic + client * sources + source   (when each message is created)
//         ├─ a room's traffic: kRoomTraffic + room * sources + source
//         ├─ senders (a cluster's): kSenders + either traffic stream's number
//         └─ lane of transport T (TransportInfo::stream_id):
//              ├─ network:   T * kPerLane + kNetwork          (forked once more by each hop:)
//              │    ├─ proxy to server:  kProxyToServerHop        (Hop::stream; up and down
//              │    ├─ client i's hop:   of_client_hop(i)          links fork 2s and 2s + 1)
//              │    ├─ a cluster's: balancer to server i, server i to the broker
//              │    └─ the balancer's random policy: kBalancerPolicy
//              └─ transport: T * kPerLane + kTransport        (masking keys, first poll times)
//
// So a hop added to a lane (a balancer) takes a number of its own and moves no other link's
// jitter or loss.

#include <cstdint>

#include "sim/scenario/transport.hpp"

namespace pushlab::sim::streams {

inline constexpr std::uint64_t kPerLane = 16;
inline constexpr std::uint64_t kNetwork = 1;
inline constexpr std::uint64_t kTransport = 2;
inline constexpr std::uint64_t kTraffic = 1ull << 40;
inline constexpr std::uint64_t kRoomTraffic = 1ull << 41;
inline constexpr std::uint64_t kSenders = 1ull << 42;

// Within a lane's transport stream: each client's reconnect policy, in a cluster.
inline constexpr std::uint64_t kReconnects = 1ull << 32;
inline std::uint64_t of_reconnect(int client) {
  return kReconnects + static_cast<std::uint64_t>(client);
}

inline std::uint64_t of_lane(Transport transport, std::uint64_t which) {
  return info(transport).stream_id * kPerLane + which;
}

// Hops, within a lane's network stream.
inline constexpr std::uint64_t kProxyToServerHop = 0;
inline constexpr std::uint64_t kClientHops = 1ull << 32;

inline std::uint64_t of_client_hop(int client) {
  return kClientHops + static_cast<std::uint64_t>(client);
}

// A cluster's hops, and the balancer's own choices (its random policy), within the lane's
// network stream.
inline constexpr std::uint64_t kBalancerToServerHops = 1ull << 33;
inline constexpr std::uint64_t kServerToBrokerHops = 1ull << 34;
inline constexpr std::uint64_t kBalancerPolicy = 1ull << 35;

inline std::uint64_t of_balancer_hop(int server) {
  return kBalancerToServerHops + static_cast<std::uint64_t>(server);
}
inline std::uint64_t of_broker_hop(int server) {
  return kServerToBrokerHops + static_cast<std::uint64_t>(server);
}

}  // namespace pushlab::sim::streams
