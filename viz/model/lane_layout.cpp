#include "viz/model/lane_layout.hpp"

#include <algorithm>

namespace pushlab::viz {

float LaneGeometry::x_of(sim::EndpointRole role) const {
  switch (role) {
    case sim::EndpointRole::client:
      return client_x();
    case sim::EndpointRole::proxy:
      return proxy_x();
    case sim::EndpointRole::server:
      return server_x();
  }
  return client_x();
}

bool has_proxy(const sim::Lane& lane) {
  return std::any_of(lane.endpoints.begin(), lane.endpoints.end(),
                     [](const sim::Endpoint& e) { return e.role == sim::EndpointRole::proxy; });
}

std::vector<LaneGeometry> lay_out_lanes(const sim::Trace& trace, float left, float width,
                                        float gap) {
  std::vector<LaneGeometry> lanes;
  const auto count = static_cast<float>(trace.lanes.size());
  if (count == 0) return lanes;
  const float lane_width = std::max(0.0f, (width - gap * (count - 1)) / count);
  for (const sim::Lane& lane : trace.lanes) {
    lanes.push_back({.left = left, .width = lane_width, .has_proxy = has_proxy(lane)});
    left += lane_width + gap;
  }
  return lanes;
}

}  // namespace pushlab::viz
