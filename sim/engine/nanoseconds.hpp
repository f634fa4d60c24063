#pragma once
// Time in PushLab counts whole nanoseconds, never a double, so that a run is the same on every
// machine: the engine's clock, a scenario's times (converted once, on load), a Trace's
// timestamps and live mode's clock all use this one alias. It is a header of the engine, which
// depends on nothing, so every layer may include it.

#include <chrono>

namespace pushlab::sim {

using Nanoseconds = std::chrono::nanoseconds;

}  // namespace pushlab::sim
