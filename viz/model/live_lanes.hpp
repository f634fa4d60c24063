#pragma once
// A live run shown beside the simulation of the same scenario: each simulated lane followed by
// the live lane of its transport, so the two runs of one transport read side by side, and the
// figures of each pair compared (live minus simulated).

#include <vector>

#include "sim/trace/trace.hpp"
#include "viz/model/document.hpp"
#include "viz/model/lane_source.hpp"

namespace pushlab::viz {

struct PairedLanes {
  sim::Trace trace;                 // the simulated trace's name; the longer run's duration
  std::vector<LaneSource> sources;  // one per lane of `trace`
};

// Simulated lanes in their order, each followed by the live lane of its transport if there is
// one; live lanes of a transport the simulation lacks come last.
PairedLanes pair_lanes(const sim::Trace& simulated, const sim::Trace& live);

// The simulated document with the live run's lanes beside its own, and the comparison of their
// figures.
Document with_live_lanes(const Document& simulated, const sim::Trace& live);

}  // namespace pushlab::viz
