#pragma once
// A live run: the scenario's transports on real sockets on this machine. For each lane a live
// Server, a Relay that applies the scenario's network and proxy and records every byte it
// forwards, and the scenario's clients following its traffic schedule, all on one io_context.
// The recording is decoded with sim/wire into a Trace of the form the simulator makes, with
// source "live". Beast stays in the .cpp files: including this header costs nothing.

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::live {

struct LiveOptions {
  // Scenario seconds per second of wall time: 10 runs a 120 s scenario in 12 s. Latencies
  // shrink with it, so the machine's own noise grows by the same factor in the Trace.
  double time_scale = 1;
  // How far the run has come, from 0 to 1 (wall time over the run's length), a few times a second.
  std::function<void(double done)> progress;
  // Set from another thread to stop the run early (a window closing): run() then throws.
  std::shared_ptr<const std::atomic<bool>> cancel = nullptr;
};

// Runs every transport of the scenario at once and returns what crossed. Throws
// std::runtime_error when a socket cannot be opened, the run was cancelled, or the scenario
// asks for what only the simulator models (an SSE lane with sse.tabs above 1).
sim::Trace run(const sim::Scenario& scenario, const LiveOptions& options = {});

}  // namespace pushlab::live
