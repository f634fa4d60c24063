#include "sim/cluster/reconnect_backoff.hpp"

#include <algorithm>

namespace pushlab::sim {

ReconnectBackoff::ReconnectBackoff(const Reconnect& settings, Rng rng)
    : settings_(settings), rng_(rng), previous_(settings.base) {}

Nanoseconds ReconnectBackoff::exponential() const {
  Nanoseconds delay = settings_.base;
  for (int i = 0; i < attempt_ && delay < settings_.cap; ++i) delay *= 2;
  return std::min(delay, settings_.cap);
}

Nanoseconds ReconnectBackoff::next_delay() {
  Nanoseconds delay{0};
  switch (settings_.policy) {
    case ReconnectPolicy::immediate:
      break;
    case ReconnectPolicy::fixed:
      delay = settings_.base;
      break;
    case ReconnectPolicy::exponential:
      delay = exponential();
      break;
    case ReconnectPolicy::full_jitter:
      delay = rng_.uniform_duration(Nanoseconds{0}, exponential());
      break;
    case ReconnectPolicy::equal_jitter: {
      const Nanoseconds half = exponential() / 2;
      delay = half + rng_.uniform_duration(Nanoseconds{0}, half);
      break;
    }
    case ReconnectPolicy::decorrelated_jitter:
      delay = std::min(settings_.cap, rng_.uniform_duration(
                                          settings_.base, std::max(settings_.base, previous_ * 3)));
      previous_ = delay;
      break;
  }
  ++attempt_;
  return delay;
}

void ReconnectBackoff::reset() {
  attempt_ = 0;
  previous_ = settings_.base;
}

}  // namespace pushlab::sim
