// Simulates a scenario keeping its whole Trace in memory, as the window does, and prints how
// much it holds: for docs/PERFORMANCE.md's "whole Trace kept" row, timed by /usr/bin/time
// (writing the Trace out as JSON would measure the writer, not the simulation).
//   keep_trace SCENARIO CLIENTS

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "sim/scenario/load.hpp"
#include "sim/transports/simulate.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: keep_trace SCENARIO CLIENTS\n");
    return 2;
  }
  try {
    pushlab::sim::Scenario scenario = pushlab::sim::load_scenario_file(argv[1]);
    scenario.clients = std::atoi(argv[2]);
    const pushlab::sim::Trace trace = pushlab::sim::simulate(scenario);
    for (const pushlab::sim::Lane& lane : trace.lanes) {
      std::printf("%s: %zu frames, %zu connections, %zu messages\n", lane.id.c_str(),
                  lane.frames.size(), lane.connections.size(), lane.messages.size());
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "keep_trace: %s\n", error.what());
    return 1;
  }
  return 0;
}
