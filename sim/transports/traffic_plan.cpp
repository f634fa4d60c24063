#include "sim/transports/traffic_plan.hpp"

#include "sim/engine/simulator.hpp"
#include "sim/transports/traffic_generator.hpp"

namespace pushlab::sim {

std::vector<PlannedMessage> plan_traffic(const Scenario& scenario) {
  Simulator simulator;
  std::vector<PlannedMessage> plan;
  TrafficGenerator traffic(simulator, scenario, scenario.clients,
                           [&](int client, const TrafficSource& source) {
                             plan.push_back({.at = simulator.now(),
                                             .client = client,
                                             .direction = source.direction,
                                             .payload_bytes = source.payload_bytes});
                           });
  traffic.start();
  simulator.run();
  return plan;
}

}  // namespace pushlab::sim
