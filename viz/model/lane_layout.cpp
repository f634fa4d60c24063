#include "viz/model/lane_layout.hpp"

#include <algorithm>
#include <cctype>

namespace pushlab::viz {

namespace {

std::string role_name(sim::EndpointRole role) {
  switch (role) {
    case sim::EndpointRole::client:
      return "Client";
    case sim::EndpointRole::proxy:
      return "Proxy";
    case sim::EndpointRole::load_balancer:
      return "Balancer";
    case sim::EndpointRole::server:
      return "Server";
    case sim::EndpointRole::broker:
      return "Broker";
  }
  return "";
}

std::size_t count_of(const sim::Lane& lane, sim::EndpointRole role) {
  return static_cast<std::size_t>(
      std::count_if(lane.endpoints.begin(), lane.endpoints.end(),
                    [role](const sim::Endpoint& e) { return e.role == role; }));
}

// A lone endpoint is named by its role; one of several by its own name ("server 2").
std::string lifeline_name(const sim::Lane& lane, const sim::Endpoint& endpoint) {
  const std::size_t alike = count_of(lane, endpoint.role);
  if (endpoint.role == sim::EndpointRole::client) {
    return alike > 1 ? std::to_string(alike) + " clients" : "Client";
  }
  if (alike == 1 || endpoint.name.empty()) return role_name(endpoint.role);
  std::string name = endpoint.name;
  name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

// Two lifelines stand at a fifth of the lane from either edge; more spread out evenly from a
// seventh, leaving room at the edges for the connection bars and the hold brackets.
float position(std::size_t index, std::size_t count) {
  if (count < 2) return 0.5f;
  const float margin = count == 2 ? 0.2f : 0.14f;
  return margin + (1 - 2 * margin) * static_cast<float>(index) / static_cast<float>(count - 1);
}

}  // namespace

LaneLayout lay_out_lane(const sim::Lane& lane, float left, float width) {
  LaneLayout layout{.left = left, .width = width, .lifelines = {}, .lifeline_of = {}};
  layout.lifeline_of.resize(lane.endpoints.size());
  for (const sim::EndpointRole role : sim::kAllEndpointRoles) {
    for (std::uint32_t id = 0; id < lane.endpoints.size(); ++id) {
      const sim::Endpoint& endpoint = lane.endpoints[id];
      if (endpoint.role != role) continue;
      const bool shares = role == sim::EndpointRole::client && !layout.lifelines.empty() &&
                          layout.lifelines.back().role == role;
      if (!shares) layout.lifelines.push_back({lifeline_name(lane, endpoint), role, 0});
      layout.lifeline_of[id] = static_cast<std::uint32_t>(layout.lifelines.size() - 1);
    }
  }
  for (std::size_t i = 0; i < layout.lifelines.size(); ++i) {
    layout.lifelines[i].x = left + width * position(i, layout.lifelines.size());
  }
  return layout;
}

std::vector<LaneLayout> lay_out_lanes(const sim::Trace& trace, float left, float width, float gap) {
  std::vector<LaneLayout> lanes;
  const auto count = static_cast<float>(trace.lanes.size());
  if (count == 0) return lanes;
  const float lane_width = std::max(0.0f, (width - gap * (count - 1)) / count);
  for (const sim::Lane& lane : trace.lanes) {
    lanes.push_back(lay_out_lane(lane, left, lane_width));
    left += lane_width + gap;
  }
  return lanes;
}

}  // namespace pushlab::viz
