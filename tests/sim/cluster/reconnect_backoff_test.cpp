#include "sim/cluster/reconnect_backoff.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace pushlab::sim;
using namespace std::chrono_literals;

namespace {

std::vector<Nanoseconds> delays(ReconnectPolicy policy, int count, std::uint64_t seed = 1) {
  const Reconnect settings{.policy = policy, .base = 1s, .cap = 30s, .sse_follows_policy = false};
  ReconnectBackoff backoff(settings, Rng(seed));
  std::vector<Nanoseconds> out;
  for (int i = 0; i < count; ++i) out.push_back(backoff.next_delay());
  return out;
}

}  // namespace

TEST_CASE("backoff without jitter: immediate, fixed, and exponential doubling to the cap") {
  CHECK(delays(ReconnectPolicy::immediate, 3) == std::vector<Nanoseconds>{0s, 0s, 0s});
  CHECK(delays(ReconnectPolicy::fixed, 3) == std::vector<Nanoseconds>{1s, 1s, 1s});
  CHECK(delays(ReconnectPolicy::exponential, 7) ==
        std::vector<Nanoseconds>{1s, 2s, 4s, 8s, 16s, 30s, 30s});
}

TEST_CASE("full jitter draws from 0 to the exponential delay; equal jitter from half of it") {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const auto full = delays(ReconnectPolicy::full_jitter, 6, seed);
    const auto equal = delays(ReconnectPolicy::equal_jitter, 6, seed);
    const std::vector<Nanoseconds> ceiling{1s, 2s, 4s, 8s, 16s, 30s};
    for (std::size_t i = 0; i < ceiling.size(); ++i) {
      CHECK(full[i] >= 0s);
      CHECK(full[i] <= ceiling[i]);
      CHECK(equal[i] >= ceiling[i] / 2);
      CHECK(equal[i] <= ceiling[i]);
    }
  }
  // Spread, not a constant: the first delays of many clients cover the second.
  Nanoseconds low = 1s;
  Nanoseconds high = 0s;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const Nanoseconds first = delays(ReconnectPolicy::full_jitter, 1, seed)[0];
    low = std::min(low, first);
    high = std::max(high, first);
  }
  CHECK(low < 50ms);
  CHECK(high > 950ms);
}

TEST_CASE("decorrelated jitter stays between the base and three times the last, under the cap") {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const auto sleeps = delays(ReconnectPolicy::decorrelated_jitter, 10, seed);
    Nanoseconds previous = 1s;
    for (const Nanoseconds sleep : sleeps) {
      CHECK(sleep >= 1s);
      CHECK(sleep <= std::min<Nanoseconds>(30s, previous * 3));
      previous = sleep;
    }
  }
}

TEST_CASE("a successful connection starts the count over") {
  const Reconnect settings{
      .policy = ReconnectPolicy::exponential, .base = 1s, .cap = 30s, .sse_follows_policy = false};
  ReconnectBackoff backoff(settings, Rng(3));
  backoff.next_delay();
  backoff.next_delay();
  CHECK(backoff.attempts() == 2);
  CHECK(backoff.next_delay() == 4s);
  backoff.reset();
  CHECK(backoff.next_delay() == 1s);
}
