#pragma once
// Seeded random numbers that are the same on every platform.
//
// std::mt19937 is portable but std:: distributions are not: libstdc++, libc++ and MSVC turn the
// same bits into different doubles, so a Trace would depend on the standard library. Rng owns
// both halves: xoshiro256** seeded through SplitMix64, and the few distributions models need.
//
//   Rng root(scenario.seed);
//   Rng lane = root.fork(lane_index);  // its own stream: adding a lane changes no other lane
//   Nanoseconds jitter = lane.uniform_duration(0ms, 5ms);

#include <cstdint>

#include "sim/engine/detail/portable_log.hpp"
#include "sim/engine/detail/xoshiro256starstar.hpp"
#include "sim/engine/nanoseconds.hpp"

namespace pushlab::sim {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  // A generator of its own for `stream` (a client, a lane): a function of this generator's seed
  // and the stream alone, however many numbers were drawn, and different for every stream.
  Rng fork(std::uint64_t stream) const;

  std::uint64_t seed() const { return seed_; }

  // 64 uniformly random bits.
  std::uint64_t next_u64() { return generator_.next(); }

  // Every distribution below draws exactly one next_u64() whatever its parameters, so that
  // changing a probability does not shift later numbers; only uniform_int draws again, in the
  // rare case a draw would bias it. Invalid parameters throw std::invalid_argument.

  // In [0, 1): the top 53 bits of a draw, so every multiple of 2^-53 equally likely.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1p-53; }

  // Exponentially distributed with the given mean (>= 0), by inversion: -mean log(1 - u), with
  // a logarithm of our own (detail/portable_log.hpp).
  double exponential(double mean);

  // An exponential duration, truncated to whole nanoseconds (Nanoseconds::max() if beyond it).
  // Inline, with its logarithm: models draw one for every random delay.
  Nanoseconds exponential_duration(Nanoseconds mean) {
    if (mean < Nanoseconds::zero()) refuse_negative_mean();
    const double value = static_cast<double>(mean.count()) * standard_exponential();
    constexpr double past_the_clock = 0x1p63;  // Nanoseconds::max() + 1, exactly
    if (value >= past_the_clock) return Nanoseconds::max();
    return Nanoseconds{static_cast<Nanoseconds::rep>(value)};  // truncates toward zero
  }

  // True with probability p, 0 <= p <= 1.
  bool bernoulli(double p);

  // Uniform over lo..hi, both included (lo <= hi), without modulo bias.
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);

  // Uniform over lo..hi nanoseconds, both included (lo <= hi).
  Nanoseconds uniform_duration(Nanoseconds lo, Nanoseconds hi);

 private:
  // Exponential with mean 1, by inversion: -log(1 - u). 1 - u is in (0, 1], exactly; 0.0 - log
  // keeps a zero draw +0.0 rather than -0.0.
  double standard_exponential() { return 0.0 - detail::portable_log(1.0 - uniform()); }
  [[noreturn]] static void refuse_negative_mean();

  std::uint64_t seed_;
  detail::Xoshiro256StarStar generator_;
};

}  // namespace pushlab::sim
