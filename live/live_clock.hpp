#pragma once
// Scenario time in a live run. The run starts at `origin`; a scenario moment t happens at
// origin + t / time_scale on the wall clock, and what happens at a wall moment is recorded at
// scenario time (wall - origin) * time_scale. Everything a live run records is in scenario time,
// so that a live Trace lines up with a simulated one.

#include <chrono>

#include "sim/engine/nanoseconds.hpp"

namespace pushlab::live {

struct LiveClock {
  std::chrono::steady_clock::time_point origin = std::chrono::steady_clock::now();
  double time_scale = 1;

  sim::Nanoseconds now() const { return since_origin(std::chrono::steady_clock::now()); }

  sim::Nanoseconds since_origin(std::chrono::steady_clock::time_point wall) const {
    const auto elapsed = std::chrono::duration_cast<sim::Nanoseconds>(wall - origin);
    return sim::Nanoseconds{
        static_cast<std::int64_t>(static_cast<double>(elapsed.count()) * time_scale)};
  }

  // A scenario duration as wall time.
  std::chrono::nanoseconds wall_duration(sim::Nanoseconds scenario_time) const {
    return std::chrono::nanoseconds{
        static_cast<std::int64_t>(static_cast<double>(scenario_time.count()) / time_scale)};
  }

  std::chrono::steady_clock::time_point wall(sim::Nanoseconds scenario_time) const {
    return origin + wall_duration(scenario_time);
  }
};

}  // namespace pushlab::live
