#pragma once
// Conversions between the JSON's seconds and milliseconds and the simulator's nanoseconds.
// Callers check the range first: every scenario time is far below the ~292 years that fit.

#include <cmath>
#include <cstdint>

#include "sim/scenario/nanoseconds.hpp"

namespace pushlab::sim::detail {

inline constexpr double kNanosecondsPerSecond = 1e9;
inline constexpr double kNanosecondsPerMillisecond = 1e6;

// Rounded to the nearest nanosecond, so 0.1 s is exactly 100000000 ns.
inline Nanoseconds from_unit(double count, double nanoseconds_per_unit) {
  return Nanoseconds{std::llround(count * nanoseconds_per_unit)};
}

// Exact for every count below 2^53 ns (104 days), so from_unit(to_unit(t)) == t.
inline double to_unit(Nanoseconds time, double nanoseconds_per_unit) {
  return static_cast<double>(time.count()) / nanoseconds_per_unit;
}

}  // namespace pushlab::sim::detail
