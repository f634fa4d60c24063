#pragma once
// The engine's clock counts whole nanoseconds, never a double, so that a run is the same on every
// machine. (sim/scenario declares the same alias; both name std::chrono::nanoseconds.)

#include <chrono>

namespace pushlab::sim {

using Nanoseconds = std::chrono::nanoseconds;

}  // namespace pushlab::sim
