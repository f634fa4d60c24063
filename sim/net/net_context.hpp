#pragma once
// What every network model of one lane shares: the clock, the random numbers, where finished
// records go, and the counters that number connections and frames.

#include <cstdint>
#include <vector>

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
  // Endpoints that are down (a crashed or cut-off server): they send nothing, and what reaches
  // them is lost. Empty in a lane without failures.
  std::vector<bool> down{};

  bool is_down(EndpointId endpoint) const { return endpoint < down.size() && down[endpoint]; }
  void set_down(EndpointId endpoint, bool is) {
    if (down.size() <= endpoint) down.resize(endpoint + 1, false);
    down[endpoint] = is;
  }
};

}  // namespace pushlab::sim
