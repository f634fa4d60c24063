#include "sim/net/link.hpp"

#include <algorithm>
#include <cmath>

namespace pushlab::sim {

Nanoseconds Link::serialization(std::uint64_t wire_bytes) const {
  if (params_.bandwidth_kbps <= 0) return Nanoseconds{0};
  // bits / (kbit/s) = ms; rounded up so a packet never takes less time than its bits need.
  const double ns = static_cast<double>(wire_bytes) * 8.0 * 1e6 / params_.bandwidth_kbps;
  return Nanoseconds{static_cast<std::int64_t>(std::ceil(ns))};
}

Link::Transmission Link::transmit(Nanoseconds ready, std::uint64_t wire_bytes) {
  Transmission sent;
  sent.departure = std::max(ready, free_at_);
  free_at_ = sent.departure + serialization(wire_bytes);
  // Draw both numbers for every packet, so one packet's fate never shifts another's.
  const Nanoseconds jitter = rng_.uniform_duration(Nanoseconds{0}, params_.jitter);
  const bool lost = rng_.bernoulli(params_.loss);
  if (lost) return sent;
  const Nanoseconds arrival = std::max(free_at_ + params_.latency + jitter, last_arrival_);
  last_arrival_ = arrival;
  sent.arrival = arrival;
  return sent;
}

}  // namespace pushlab::sim
