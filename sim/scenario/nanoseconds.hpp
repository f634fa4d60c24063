#pragma once
// The simulator's clock counts whole nanoseconds; a scenario's times are converted to it once, on
// load, so no double ever reaches the engine.

#include <chrono>

namespace pushlab::sim {

using Nanoseconds = std::chrono::nanoseconds;

}  // namespace pushlab::sim
