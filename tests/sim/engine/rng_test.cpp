// Exact values come from the published algorithms: SplitMix64's and xoshiro256**'s reference
// outputs, and for Rng a separate Python implementation of the same steps (arbitrary-precision
// integers masked to 64 bits), so a Trace's random numbers are pinned on every platform.

#include "sim/engine/rng.hpp"

#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <stdexcept>
#include <vector>

#include "sim/engine/detail/splitmix64.hpp"
#include "sim/engine/detail/xoshiro256starstar.hpp"

using namespace pushlab::sim;
using namespace std::chrono_literals;

TEST_CASE("SplitMix64 gives its reference outputs") {
  detail::SplitMix64 zero(0);
  CHECK(zero.next() == 0xe220a8397b1dcdafull);
  CHECK(zero.next() == 0x6e789e6aa1b965f4ull);
  CHECK(zero.next() == 0x06c45d188009454full);
  detail::SplitMix64 seeded(1234567);
  CHECK(seeded.next() == 6457827717110365317ull);
  CHECK(seeded.next() == 0x2c73f08458540fa5ull);
  CHECK(seeded.next() == 0x883ebce5a3f27c77ull);
}

TEST_CASE("xoshiro256** gives its reference outputs from the state {1, 2, 3, 4}") {
  detail::Xoshiro256StarStar generator({1, 2, 3, 4});
  const std::array<std::uint64_t, 6> expected = {
      11520, 0, 1509978240, 1215971899390074240ull, 1216172134540287360ull, 607988272756665600ull};
  for (const std::uint64_t value : expected) CHECK(generator.next() == value);
}

TEST_CASE("Rng(42) seeds xoshiro256** with four SplitMix64 outputs") {
  Rng rng(42);
  CHECK(rng.seed() == 42);
  CHECK(rng.next_u64() == 0x15780b2e0c2ec716ull);
  CHECK(rng.next_u64() == 0x6104d9866d113a7eull);
  CHECK(rng.next_u64() == 0xae17533239e499a1ull);
  CHECK(rng.next_u64() == 0xecb8ad4703b360a1ull);
}

TEST_CASE("uniform takes the top 53 bits of a draw") {
  Rng rng(42);
  CHECK(rng.uniform() == 0x1.5780b2e0c2ec0p-4);
  CHECK(rng.uniform() == 0x1.84136619b444ep-2);
  CHECK(rng.uniform() == 0x1.5c2ea66473c93p-1);

  Rng many(1);
  double sum = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = many.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
  }
  CHECK(sum / 100000 == doctest::Approx(0.5).epsilon(0.01));
}

TEST_CASE("uniform_int gives the reference values and every value in range, without bias") {
  Rng dice(42);
  const std::array<std::int64_t, 10> expected = {1, 1, 6, 6, 5, 1, 5, 4, 5, 6};
  for (const std::int64_t value : expected) CHECK(dice.uniform_int(1, 6) == value);

  Rng signed_range(42);
  const std::array<std::int64_t, 5> expected_signed = {-643, 827, 592, 229, -888};
  for (const std::int64_t value : expected_signed) {
    CHECK(signed_range.uniform_int(-1000, 1000) == value);
  }

  Rng rng(3);
  std::array<int, 6> counts{};
  for (int i = 0; i < 60000; ++i) ++counts[static_cast<std::size_t>(rng.uniform_int(0, 5))];
  for (const int count : counts) CHECK(count == doctest::Approx(10000).epsilon(0.04));

  CHECK(rng.uniform_int(5, 5) == 5);
  constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t highest = std::numeric_limits<std::int64_t>::max();
  Rng full(42);
  CHECK(full.uniform_int(lowest, highest) == static_cast<std::int64_t>(0x15780b2e0c2ec716ull));
  CHECK(rng.uniform_int(highest - 1, highest) >= highest - 1);
  CHECK_THROWS_AS(rng.uniform_int(2, 1), std::invalid_argument);
}

TEST_CASE("uniform_int rejects the draws that would bias it") {
  // lo..hi below holds 3 * 2^62 values. The 2^64 mod (3 * 2^62) = 2^62 lowest draws would land
  // twice as often on low values, so they are drawn again: Rng(42)'s first draw, 0x1578...,
  // is one of them, and the result comes from the second.
  Rng rng(42);
  constexpr std::int64_t lo = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t hi = (std::int64_t{1} << 62) - 1;
  const std::uint64_t second_draw = 0x6104d9866d113a7eull;  // below 3 * 2^62: kept as it is
  CHECK(rng.uniform_int(lo, hi) ==
        static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + second_draw));
}

TEST_CASE("uniform_duration covers both ends") {
  Rng rng(11);
  std::set<Nanoseconds> seen;
  for (int i = 0; i < 1000; ++i) {
    const Nanoseconds value = rng.uniform_duration(2ns, 5ns);
    REQUIRE(value >= 2ns);
    REQUIRE(value <= 5ns);
    seen.insert(value);
  }
  CHECK(seen == std::set<Nanoseconds>{2ns, 3ns, 4ns, 5ns});
  CHECK(rng.uniform_duration(7ms, 7ms) == 7ms);
  CHECK_THROWS_AS(rng.uniform_duration(2ns, 1ns), std::invalid_argument);
}

TEST_CASE("exponential: reference values, truncation to nanoseconds, and its mean") {
  // -100 ln(1 - u) for Rng(42)'s first uniforms, by Python's math.log.
  const std::array<double, 5> expected = {8.758933058341757, 47.63923950787724, 113.95699518538775,
                                          258.61814609868424, 480.40985901563664};
  Rng rng(42);
  for (const double value : expected)
    CHECK(rng.exponential(100) == doctest::Approx(value).epsilon(1e-14));
  Rng durations(42);
  for (const Nanoseconds value : {8ns, 47ns, 113ns, 258ns, 480ns}) {
    CHECK(durations.exponential_duration(100ns) == value);
  }

  Rng many(5);
  double sum = 0;
  for (int i = 0; i < 100000; ++i) {
    const double value = many.exponential(100);
    REQUIRE(value >= 0);
    sum += value;
  }
  // The standard deviation of the mean is 100 / sqrt(100000), about 0.32.
  CHECK(sum / 100000 == doctest::Approx(100).epsilon(0.015));
}

TEST_CASE("exponential: a zero mean gives +0, bad means throw, huge ones saturate the clock") {
  Rng rng(9);
  const double zero = rng.exponential(0);
  CHECK(zero == 0.0);
  CHECK_FALSE(std::signbit(zero));
  CHECK_THROWS_AS(rng.exponential(-1), std::invalid_argument);
  CHECK_THROWS_AS(rng.exponential(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  CHECK_THROWS_AS(rng.exponential(std::numeric_limits<double>::infinity()), std::invalid_argument);

  int saturated = 0;
  for (int i = 0; i < 100; ++i) {
    const Nanoseconds value = rng.exponential_duration(Nanoseconds::max());
    REQUIRE(value >= 0ns);
    if (value == Nanoseconds::max()) ++saturated;
  }
  CHECK(saturated > 10);  // about 37 of 100 draw more than the mean
  CHECK(saturated < 90);
}

TEST_CASE("bernoulli: its probability, and 0 and 1 exactly") {
  Rng rng(13);
  int hits = 0;
  for (int i = 0; i < 100000; ++i) hits += rng.bernoulli(0.3) ? 1 : 0;
  CHECK(hits == doctest::Approx(30000).epsilon(0.02));
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(rng.bernoulli(0));
    REQUIRE(rng.bernoulli(1));
  }
  CHECK_THROWS_AS(rng.bernoulli(1.5), std::invalid_argument);
  CHECK_THROWS_AS(rng.bernoulli(-0.1), std::invalid_argument);
  CHECK_THROWS_AS(rng.bernoulli(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

TEST_CASE("each distribution draws exactly one number, whatever its parameters") {
  // So a model that changes a probability does not shift every later random number.
  Rng used(21);
  Rng twin(21);
  used.uniform();
  used.exponential(0);
  used.exponential_duration(1s);
  used.bernoulli(0);
  used.bernoulli(1);
  used.uniform_int(0, 1);
  used.uniform_duration(0ns, 3ns);
  for (int i = 0; i < 7; ++i) twin.next_u64();
  CHECK(used.next_u64() == twin.next_u64());
}

TEST_CASE("fork: a stream of its own, the same whatever the parent drew") {
  const Rng root(42);
  Rng lane = root.fork(7);
  CHECK(lane.next_u64() == 0x8d8c3d4ddaadc08cull);
  CHECK(lane.next_u64() == 0xcb1d131f45e8e1e2ull);

  Rng drawn(42);
  for (int i = 0; i < 100; ++i) drawn.next_u64();
  Rng same_lane = drawn.fork(7);
  CHECK(same_lane.next_u64() == 0x8d8c3d4ddaadc08cull);

  // A thousand streams, and the parent: all start differently.
  std::set<std::uint64_t> firsts;
  Rng parent(42);
  firsts.insert(parent.next_u64());
  for (std::uint64_t stream = 0; stream < 1000; ++stream)
    firsts.insert(root.fork(stream).next_u64());
  CHECK(firsts.size() == 1001);

  // Forks of forks are told apart by the path taken.
  CHECK(root.fork(1).fork(2).next_u64() != root.fork(2).fork(1).next_u64());
}

TEST_CASE("fork streams are independent: a lane's numbers do not follow another's") {
  const Rng root(99);
  Rng a = root.fork(0);
  Rng b = root.fork(1);
  int same_half = 0;
  for (int i = 0; i < 10000; ++i) same_half += (a.uniform() < 0.5) == (b.uniform() < 0.5) ? 1 : 0;
  CHECK(same_half == doctest::Approx(5000).epsilon(0.04));  // as for unrelated coins
}
