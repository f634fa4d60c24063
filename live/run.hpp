#pragma once
// A live run: the scenario's transports on real sockets on this machine. For each lane a live
// Server, a Relay that applies the scenario's network and proxy and records every byte it
// forwards, and the scenario's clients following its traffic schedule, all on one io_context.
// The recording is decoded with sim/wire into a Trace of the form the simulator makes, with
// source "live". Beast stays in the .cpp files: including this header costs nothing.

#include "live/run_options.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::live {

// Runs every transport of the scenario at once and returns what crossed. Throws
// std::runtime_error when a socket cannot be opened, the run was cancelled, or the scenario
// asks for what only the simulator models (an SSE lane with sse.tabs above 1).
sim::Trace run(const sim::Scenario& scenario, const LiveOptions& options = {});

}  // namespace pushlab::live
