#pragma once
// Times as the diagrams print them: short, with the unit a person would pick.

#include <string>

#include "sim/engine/nanoseconds.hpp"

namespace pushlab::viz {

// "0 s", "850 us", "12.5 ms", "1.050 s", "2 min 05 s".
std::string format_time(sim::Nanoseconds time);

// A duration between two moments, in the same style: "held 30 s".
std::string format_duration(sim::Nanoseconds duration);

}  // namespace pushlab::viz
