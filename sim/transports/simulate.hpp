#pragma once
// Runs a scenario: one lane per transport, each its own simulation of the same traffic (the
// same seed) over the same network, each producing its records into a TraceSink.

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/trace/trace.hpp"
#include "sim/transports/transport_model.hpp"

namespace pushlab::sim {

// How long after the scenario's duration a lane may go on delivering what is still on its way
// before every client is stopped regardless; then a little longer for closing handshakes.
inline constexpr Nanoseconds kDrainLimit = std::chrono::seconds{60};
inline constexpr Nanoseconds kCloseGrace = std::chrono::seconds{30};

using TransportFactory = std::function<LaneModels(LaneWorld&)>;

// How far a lane has come, from 0 to 1 (simulated time over the scenario's duration), reported
// a hundred times a run. Lanes run on several threads: it must be safe to call from any.
using LaneProgress = std::function<void(double done)>;

// One lane with the models `make` builds (for tests of a model on its own). Each returns how
// many simulated events the lane ran.
std::uint64_t run_lane_with(const Scenario& scenario, Transport transport,
                            const TransportFactory& make, TraceSink& sink,
                            const LaneProgress& progress = {});

// One lane of the scenario's transport `transport`.
std::uint64_t run_lane(const Scenario& scenario, Transport transport, TraceSink& sink,
                       const LaneProgress& progress = {});

// Every lane of the scenario, every frame kept: for the GUI and --trace-out.
Trace simulate(const Scenario& scenario);

// Every lane's figures, without keeping frames: for tables and sweeps. `progress` hears how far
// all lanes together have come, from 0 to 1, from any thread.
std::vector<LaneMetrics> simulate_metrics(const Scenario& scenario,
                                          const LaneProgress& progress = {});

// The figures, and a Trace that holds each lane's time series (endpoints and host samples)
// without its frames, connections or messages: what a run too large to keep frames leaves.
struct FiguresAndSeries {
  std::vector<LaneMetrics> metrics;
  Trace series;
};
FiguresAndSeries simulate_figures_and_series(const Scenario& scenario,
                                             const LaneProgress& progress = {});

}  // namespace pushlab::sim
