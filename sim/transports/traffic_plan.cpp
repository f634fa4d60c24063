#include "sim/transports/traffic_plan.hpp"

#include "sim/engine/simulator.hpp"
#include "sim/transports/traffic_generator.hpp"

namespace pushlab::sim {

std::vector<PlannedMessage> plan_traffic(const Scenario& scenario) {
  Simulator simulator;
  std::vector<PlannedMessage> plan;
  TrafficGenerator traffic(
      simulator, scenario, scenario.clients,
      [&](const TrafficGenerator::Recipients& to, const TrafficSource& source) {
        for (int client = to.first; client < to.first + to.count; ++client) {
          plan.push_back({.at = simulator.now(),
                          .client = client,
                          .direction = source.direction,
                          .payload_bytes = source.payload_bytes});
        }
      });
  traffic.start();
  simulator.run();
  return plan;
}

}  // namespace pushlab::sim
