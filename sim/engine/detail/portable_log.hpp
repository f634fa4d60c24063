#pragma once
// The natural logarithm, computed the same way to the last bit on every platform.
//
// C++ does not require std::log to be correctly rounded, and C libraries differ in the last bit
// now and then; a random delay drawn through it could then differ by a nanosecond between
// machines, and so would the Trace. This one uses only +, -, * and / (which IEEE 754 rounds
// exactly) in a fixed order, and a table made by log_table.py; the engine is compiled with
// -ffp-contract=off so that no compiler fuses its multiply-adds. In tests it is never more than
// 1 ulp from glibc's log, and differs from it by that in about 0.4% of uniform draws.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

#include "sim/engine/detail/log_table.hpp"

namespace pushlab::sim::detail {

// x = 2^k * m with m in [0.705, 1.41), and m near a centre c of one of 128 intervals, so that
//   log(x) = k ln 2 + log(c) + log(1 + r),  r = (m - c) / c,  |r| <= 2^-8,
// where log(1 + r) needs only a short polynomial and k ln 2 + log(c) comes from a table. No
// division, and no long chain of dependent operations: this sits on the path of every random
// delay a simulation draws.
namespace portable_log_detail {

// The intervals split [0.705, 1.41) into 128 runs of 2^45 bit patterns, the first starting at
// these bits; interval 75 is centred on 1.0 exactly, so log(x) near 1 suffers no cancellation.
inline constexpr std::int64_t first_bits = 0x3fe6900000000000;
inline constexpr int interval_shift = 45;
inline constexpr std::int64_t interval_width = std::int64_t{1} << interval_shift;

constexpr double centre(std::size_t interval) {
  return std::bit_cast<double>(first_bits + static_cast<std::int64_t>(interval) * interval_width +
                               interval_width / 2);
}

// 1/c, rounded once, at compile time.
inline constexpr std::array<double, 128> inverse_of_centre = [] {
  std::array<double, 128> inverses{};
  for (std::size_t i = 0; i < inverses.size(); ++i) inverses[i] = 1.0 / centre(i);
  return inverses;
}();

// log(1 + r) - r = r^2 (-1/2 + r/3 - r^2/4 + r^3/5 - r^4/6 + r^5/7); the next term, r^8/8, is
// below 2^-59 of the result. Evaluated as a tree (Estrin's scheme) so the products overlap.
inline double log1p_tail(double r) {
  constexpr double a2 = -1.0 / 2, a3 = 1.0 / 3, a4 = -1.0 / 4, a5 = 1.0 / 5, a6 = -1.0 / 6;
  constexpr double a7 = 1.0 / 7;
  const double r2 = r * r;
  const double r4 = r2 * r2;
  return r2 * ((a2 + a3 * r) + r2 * (a4 + a5 * r) + r4 * (a6 + a7 * r));
}

}  // namespace portable_log_detail

// x must be positive and finite. Inline: it sits on the path of every random delay.
inline double portable_log(double x) {
  using namespace portable_log_detail;
  std::int64_t bits = std::bit_cast<std::int64_t>(x);
  int scale = 0;
  if ((bits >> 52) == 0) [[unlikely]] {  // subnormal: scale into the normal range first
    bits = std::bit_cast<std::int64_t>(x * 0x1p54);
    scale = -54;
  }
  // Binades counted from the first interval's start, in the bits themselves: no branch.
  const std::int64_t k = (bits - first_bits) >> 52;  // floor: arithmetic shift
  const std::int64_t m_bits = bits - k * (std::int64_t{1} << 52);
  const auto interval = static_cast<std::size_t>((m_bits - first_bits) >> interval_shift);

  const double m = std::bit_cast<double>(m_bits);
  const double r = (m - centre(interval)) * inverse_of_centre[interval];  // m - c is exact
  const double binades = static_cast<double>(k + scale);
  // Both high parts are multiples of 2^-42 below 2^10: their sum is exact.
  const double high = binades * ln2_high + log_of_centre[interval].high;
  const double low = log1p_tail(r) + (binades * ln2_low + log_of_centre[interval].low);
  return high + (r + low);
}

}  // namespace pushlab::sim::detail
