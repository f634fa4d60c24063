#pragma once
// Where each lane and its lifelines sit across the window: lanes side by side, one per
// transport, each with a lifeline for the client (all of a lane's clients share it), the proxy
// when there is one, and the server.

#include <vector>

#include "sim/trace/trace.hpp"

namespace pushlab::viz {

struct LaneGeometry {
  float left = 0;
  float width = 0;
  bool has_proxy = false;

  float client_x() const { return left + width * (has_proxy ? 0.14f : 0.2f); }
  float proxy_x() const { return left + width * 0.5f; }
  float server_x() const { return left + width * (has_proxy ? 0.86f : 0.8f); }
  float x_of(sim::EndpointRole role) const;
};

bool has_proxy(const sim::Lane& lane);

// The trace's lanes side by side across [left, left + width), `gap` pixels apart.
std::vector<LaneGeometry> lay_out_lanes(const sim::Trace& trace, float left, float width,
                                        float gap);

}  // namespace pushlab::viz
