#pragma once
// The relay's network model: when bytes the relay read arrive at the far side of a hop, on the
// simulator's own Link (latency, jitter, bandwidth, loss) and TCP numbers. Included by the
// relay's files alone.

#include <algorithm>
#include <array>

#include "live/recording.hpp"
#include "sim/net/link.hpp"
#include "sim/net/tcp_model.hpp"

namespace pushlab::live::detail {

using sim::Nanoseconds;
namespace tcp_model = sim::tcp_model;

// IP and TCP headers for `payload` bytes sent at once (a FIN alone is one header).
inline std::uint64_t wire_size(std::uint64_t payload) {
  const std::uint64_t segments =
      std::max<std::uint64_t>(1, tcp_model::carriage(payload, false).segments);
  return payload + segments * tcp_model::kSegmentHeader;
}

// When bytes ready at `ready` arrive over `link`. A lost copy is sent again after TCP's
// retransmission timeout, doubling each time, as the simulator's TCP does: over a real socket
// nothing is lost, so loss shows as the delay it causes.
inline Nanoseconds arrival_over(sim::Link& link, Nanoseconds ready, std::uint64_t wire_bytes) {
  Nanoseconds timeout = tcp_model::kInitialRto;
  for (;;) {
    const sim::Link::Transmission sent = link.transmit(ready, wire_bytes);
    if (sent.arrival) return *sent.arrival;
    ready = sent.departure + timeout;
    timeout = std::min(timeout * 2, tcp_model::kMaxRto);
  }
}

struct LinkPair {
  sim::Link up;
  sim::Link down;
};

// The TCP handshake on a hop opened at `at`.
inline std::array<RecordedPiece, 3> handshake(LinkPair& links, Nanoseconds at) {
  const Nanoseconds syn = arrival_over(links.up, at, tcp_model::kSynHeader);
  const Nanoseconds syn_ack = arrival_over(links.down, syn, tcp_model::kSynHeader);
  const Nanoseconds ack = arrival_over(links.up, syn_ack, tcp_model::kSegmentHeader);
  return {RecordedPiece{at, syn, {}}, RecordedPiece{syn, syn_ack, {}},
          RecordedPiece{syn_ack, ack, {}}};
}

}  // namespace pushlab::live::detail
