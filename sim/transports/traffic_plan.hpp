#pragma once
// The scenario's traffic written out ahead: every message with the moment it is created, its
// client, its direction and its size, exactly as the simulator's TrafficGenerator creates them
// (it is run to make the list). Live mode creates the same messages at the same moments on real
// sockets, so a live run and a simulated one carry the same traffic.

#include <cstddef>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace pushlab::sim {

struct PlannedMessage {
  Nanoseconds at{0};
  int client = 0;
  Direction direction = Direction::server_to_client;
  std::size_t payload_bytes = 0;
};

// In creation order; a message's index in the list is its id, as in a simulated lane.
std::vector<PlannedMessage> plan_traffic(const Scenario& scenario);

}  // namespace pushlab::sim
