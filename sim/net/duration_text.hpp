#pragma once
// A duration as a learner reads it in a note: "60 s", "1.5 s", "200 ms", "0.25 ms".

#include <string>

#include "sim/engine/nanoseconds.hpp"

namespace pushlab::sim {

std::string duration_text(Nanoseconds duration);

}  // namespace pushlab::sim
