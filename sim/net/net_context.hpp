#pragma once
// What every network model of one lane shares: the clock, the random numbers, where finished
// records go, and the counters that number connections and frames.

#include <cstdint>

#include "sim/engine/rng.hpp"
#include "sim/engine/simulator.hpp"
#include "sim/trace/trace_sink.hpp"

namespace pushlab::sim {

struct NetContext {
  Simulator& simulator;
  Rng& rng;  // the lane's network randomness, forked by each hop for its links' jitter and loss
  TraceSink& sink;
  ConnectionId next_connection = 0;
  std::uint64_t next_send_order = 0;
};

}  // namespace pushlab::sim
