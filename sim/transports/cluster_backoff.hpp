#pragma once
// A client's reconnect policy in a cluster (the scenario's `cluster.reconnect`), on the client's
// own random stream; none without a cluster, where each transport keeps its own behaviour.

#include <optional>

#include "sim/cluster/reconnect_backoff.hpp"
#include "sim/transports/lane_world.hpp"
#include "sim/transports/random_streams.hpp"

namespace pushlab::sim {

inline std::optional<ReconnectBackoff> cluster_backoff(LaneWorld& world, int client) {
  if (!world.scenario.cluster) return std::nullopt;
  return std::optional<ReconnectBackoff>(std::in_place, world.scenario.cluster->reconnect,
                                         world.rng.fork(streams::of_reconnect(client)));
}

}  // namespace pushlab::sim
