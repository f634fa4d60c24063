#include "sim/engine/rng.hpp"

#include <limits>
#include <stdexcept>

#include "sim/engine/detail/splitmix64.hpp"

namespace pushlab::sim {

namespace {

detail::Xoshiro256StarStar::State seeded_state(std::uint64_t seed) {
  detail::SplitMix64 seeder(seed);
  // SplitMix64 is a bijection of a counter: four outputs are never all zero.
  return {seeder.next(), seeder.next(), seeder.next(), seeder.next()};
}

}  // namespace

Rng::Rng(std::uint64_t seed) : seed_(seed), generator_(seeded_state(seed)) {}

Rng Rng::fork(std::uint64_t stream) const {
  // The inner hash is a bijection of the stream and the outer one of the xor: two streams of
  // one generator never share a seed.
  using detail::SplitMix64;
  return Rng(SplitMix64::mix(seed_ ^ SplitMix64::mix(stream + 0x9e3779b97f4a7c15)));
}

double Rng::exponential(double mean) {
  if (!(mean >= 0 && mean <= std::numeric_limits<double>::max())) {
    throw std::invalid_argument("Rng::exponential: mean must be finite and >= 0");
  }
  return mean * standard_exponential();
}

void Rng::refuse_negative_mean() {
  throw std::invalid_argument("Rng::exponential_duration: mean must be >= 0");
}

bool Rng::bernoulli(double p) {
  if (!(p >= 0 && p <= 1)) throw std::invalid_argument("Rng::bernoulli: p must be in [0, 1]");
  return uniform() < p;
}

std::int64_t Rng::uniform_int(std::int64_t lo, std::int64_t hi) {
  if (lo > hi) throw std::invalid_argument("Rng::uniform_int: lo > hi");
  const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span == std::numeric_limits<std::uint64_t>::max()) {
    return static_cast<std::int64_t>(next_u64());
  }
  // 2^64 mod count draws would wrap onto the low values once too often: reject them.
  const std::uint64_t count = span + 1;
  const std::uint64_t rejected = (0 - count) % count;
  std::uint64_t draw = next_u64();
  while (draw < rejected) draw = next_u64();
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + draw % count);
}

Nanoseconds Rng::uniform_duration(Nanoseconds lo, Nanoseconds hi) {
  return Nanoseconds{uniform_int(lo.count(), hi.count())};
}

}  // namespace pushlab::sim
