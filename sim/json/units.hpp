#pragma once
// Conversions between the seconds and milliseconds people write in JSON and the simulator's whole
// nanoseconds. Callers check the range first: every time PushLab reads is far below the ~292
// years that fit.

#include <chrono>
#include <cmath>
#include <cstdint>

namespace pushlab::sim::json {

inline constexpr double kNanosecondsPerSecond = 1e9;
inline constexpr double kNanosecondsPerMillisecond = 1e6;

// Rounded to the nearest nanosecond, so 0.1 s is exactly 100000000 ns.
inline std::chrono::nanoseconds from_unit(double count, double nanoseconds_per_unit) {
  return std::chrono::nanoseconds{std::llround(count * nanoseconds_per_unit)};
}

// Exact for every count below 2^53 ns (104 days), so from_unit(to_unit(t)) == t.
inline double to_unit(std::chrono::nanoseconds time, double nanoseconds_per_unit) {
  return static_cast<double>(time.count()) / nanoseconds_per_unit;
}

}  // namespace pushlab::sim::json
