#pragma once
// A lane of a scenario: one transport on the scenario's traffic, named by an id of its own, so
// that two lanes of one transport (one with a proxy that blocks the upgrade, one without, say)
// can stand side by side. A lane given by its transport alone is named after it: "websocket".

#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/transport.hpp"

namespace pushlab::sim {

struct LaneSpec {
  // Implicit, so that a list of transports is a list of lanes: {Transport::sse}.
  LaneSpec(Transport of)  // NOLINT(google-explicit-constructor)
      : id(to_string(of)), transport(of) {}
  LaneSpec(std::string lane_id, Transport of) : id(std::move(lane_id)), transport(of) {}

  std::string id;  // unique in its scenario; a slug, like the scenario's name
  Transport transport;

  bool operator==(const LaneSpec&) const = default;
};

// Whether any of the lanes runs that transport.
bool runs(const std::vector<LaneSpec>& lanes, Transport transport);

// The transport of each lane, in order.
std::vector<Transport> transports_of(const std::vector<LaneSpec>& lanes);

// The lanes that run these transports, in the order the transports are listed.
std::vector<LaneSpec> lanes_running(const std::vector<LaneSpec>& lanes,
                                    const std::vector<Transport>& transports);

}  // namespace pushlab::sim
