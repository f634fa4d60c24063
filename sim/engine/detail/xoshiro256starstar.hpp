#pragma once
// xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2021):
// 256 bits of state, period 2^256 - 1, fast, and the same sequence on every platform.

#include <array>
#include <bit>
#include <cstdint>

namespace pushlab::sim::detail {

class Xoshiro256StarStar {
 public:
  using State = std::array<std::uint64_t, 4>;

  // The state must not be all zero.
  explicit constexpr Xoshiro256StarStar(const State& state) : s_(state) {}

  constexpr std::uint64_t next() {
    const std::uint64_t result = std::rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = std::rotl(s_[3], 45);
    return result;
  }

 private:
  State s_;
};

}  // namespace pushlab::sim::detail
