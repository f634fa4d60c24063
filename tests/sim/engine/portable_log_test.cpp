#include "sim/engine/detail/portable_log.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "sim/engine/detail/log_table.hpp"
#include "sim/engine/rng.hpp"

using pushlab::sim::Rng;
using pushlab::sim::detail::portable_log;

namespace {

// How many doubles lie between a and b (both positive or both negative).
std::int64_t ulps_apart(double a, double b) {
  const auto ia = std::bit_cast<std::int64_t>(a);
  const auto ib = std::bit_cast<std::int64_t>(b);
  return ia > ib ? ia - ib : ib - ia;
}

}  // namespace

TEST_CASE("portable_log of 1 is +0 and of powers of two is k ln 2") {
  const double one = portable_log(1.0);
  CHECK(one == 0.0);
  CHECK_FALSE(std::signbit(one));
  for (int k = -1074; k <= 1023; k += 7) {
    const double x = std::ldexp(1.0, k);
    CHECK(ulps_apart(portable_log(x), std::log(x)) <= 1);
  }
}

TEST_CASE("portable_log is within 1 ulp of std::log across the uniform draws it is used on") {
  // exponential() takes log(1 - u) with u a multiple of 2^-53 in [0, 1).
  Rng rng(17);
  std::int64_t worst = 0;
  for (int i = 0; i < 200000; ++i) {
    const double x = 1.0 - rng.uniform();
    worst = std::max(worst, ulps_apart(portable_log(x), std::log(x)));
  }
  CHECK(worst <= 1);
}

TEST_CASE("portable_log stays accurate near 1, at the edges of its reduction, and far out") {
  const double values[] = {1 + 0x1p-52,
                           1 - 0x1p-53,
                           1.0000001,
                           0.9999999,
                           0x1.6a09e667f3bcdp+0,
                           0x1.6a09e667f3bcep+0,
                           0x1.6a09e667f3bccp-1,
                           3.0,
                           10.0,
                           1e-300,
                           1e300,
                           std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::min() / 3};
  for (const double x : values) {
    CAPTURE(x);
    CHECK(ulps_apart(portable_log(x), std::log(x)) <= 1);
  }
}

TEST_CASE("portable_log over a wide random sample of positive doubles") {
  Rng rng(23);
  std::int64_t worst = 0;
  for (int i = 0; i < 200000; ++i) {
    // Random bits with the sign cleared: any positive double, including subnormals.
    const double x = std::bit_cast<double>(rng.next_u64() >> 1);
    if (!std::isfinite(x) || x == 0) continue;
    worst = std::max(worst, ulps_apart(portable_log(x), std::log(x)));
  }
  CHECK(worst <= 1);
}

TEST_CASE("the generated table holds log(c) for each interval centre, split as promised") {
  // The centres, as portable_log.cpp derives them: interval i of 128 starts 2^45 bit patterns
  // after the last, the first at 0x3fe6900000000000; interval 75 is centred on 1.0.
  using pushlab::sim::detail::log_of_centre;
  for (std::size_t i = 0; i < log_of_centre.size(); ++i) {
    const auto bits = static_cast<std::int64_t>(0x3fe6900000000000 + (i << 45) + (1ull << 44));
    const double centre = std::bit_cast<double>(bits);
    CAPTURE(centre);
    const double high = log_of_centre[i].high;
    CHECK(ulps_apart(high + log_of_centre[i].low, std::log(centre)) <= 1);
    CHECK(std::ldexp(high, 42) == std::trunc(std::ldexp(high, 42)));  // a multiple of 2^-42
    CHECK(std::fabs(log_of_centre[i].low) <= 0x1p-43);
  }
  CHECK(log_of_centre[75].high == 0.0);
  CHECK(log_of_centre[75].low == 0.0);
}
