#pragma once
// One direction of one hop: the packets one endpoint sends to the next. Each packet waits for
// the one before it to leave (bandwidth), then takes the hop's latency plus a random jitter,
// and may be lost. The path is first in, first out: jitter delays a packet but never lets it
// overtake the one before, as on a real path through queues.

#include <cstdint>
#include <optional>

#include "sim/engine/nanoseconds.hpp"
#include "sim/engine/rng.hpp"

namespace pushlab::sim {

struct LinkParams {
  Nanoseconds latency{0};     // one way
  Nanoseconds jitter{0};      // each packet is delayed by a further uniform [0, jitter]
  double loss = 0;            // probability that a packet is lost
  double bandwidth_kbps = 0;  // 0 = unlimited

  friend bool operator==(const LinkParams&, const LinkParams&) = default;
};

class Link {
 public:
  // `rng` is this direction's own stream of jitter and loss draws.
  Link(LinkParams params, Rng rng) : params_(params), rng_(rng) {}

  struct Transmission {
    Nanoseconds departure{0};              // first bit leaves
    std::optional<Nanoseconds> arrival{};  // last bit arrives; nullopt: lost
  };

  // Sends a packet of `wire_bytes` (headers included) that is ready at `ready`.
  Transmission transmit(Nanoseconds ready, std::uint64_t wire_bytes);

  const LinkParams& params() const { return params_; }

 private:
  Nanoseconds serialization(std::uint64_t wire_bytes) const;

  LinkParams params_;
  Rng rng_;
  Nanoseconds free_at_{0};       // when the last packet's last bit has left
  Nanoseconds last_arrival_{0};  // no packet arrives before the one sent before it
};

}  // namespace pushlab::sim
