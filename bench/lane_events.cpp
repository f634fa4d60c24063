// Simulates each lane of a scenario with figures only (as `run --no-trace` does) and prints how
// many simulated events each ran, in how long, and the rate: for docs/PERFORMANCE.md's events
// per second. Times wall clock around the whole lane, setup included.
//   lane_events SCENARIO [CLIENTS]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "sim/scenario/load.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/transports/simulate.hpp"

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: lane_events SCENARIO [CLIENTS]\n");
    return 2;
  }
  try {
    pushlab::sim::Scenario scenario = pushlab::sim::load_scenario_file(argv[1]);
    if (argc == 3) scenario.clients = std::atoi(argv[2]);
    for (const pushlab::sim::LaneSpec& lane : scenario.lanes) {
      pushlab::sim::MetricsAccumulator figures(lane, scenario.duration);
      const auto start = std::chrono::steady_clock::now();
      const std::uint64_t events = pushlab::sim::run_lane(scenario, lane.transport, figures);
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      std::printf("%s: %llu events in %.2f s: %.2f M events/s\n", lane.id.c_str(),
                  static_cast<unsigned long long>(events), took.count(),
                  static_cast<double>(events) / took.count() / 1e6);
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "lane_events: %s\n", error.what());
    return 1;
  }
  return 0;
}
