#include "sim/scenario/lane_spec.hpp"

#include <algorithm>

namespace pushlab::sim {

bool runs(const std::vector<LaneSpec>& lanes, Transport transport) {
  return std::any_of(lanes.begin(), lanes.end(),
                     [&](const LaneSpec& lane) { return lane.transport == transport; });
}

std::vector<Transport> transports_of(const std::vector<LaneSpec>& lanes) {
  std::vector<Transport> transports;
  for (const LaneSpec& lane : lanes) transports.push_back(lane.transport);
  return transports;
}

std::vector<LaneSpec> lanes_running(const std::vector<LaneSpec>& lanes,
                                    const std::vector<Transport>& transports) {
  std::vector<LaneSpec> chosen;
  for (const Transport transport : transports) {
    for (const LaneSpec& lane : lanes) {
      if (lane.transport == transport) chosen.push_back(lane);
    }
  }
  return chosen;
}

}  // namespace pushlab::sim
