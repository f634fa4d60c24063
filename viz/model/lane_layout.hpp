#pragma once
// Where each lane and its lifelines sit across the window: lanes side by side, each with one
// lifeline for all of its clients and one for every other endpoint (a proxy, a balancer, each
// server, a broker), left to right in the order of their roles.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/trace/trace.hpp"

namespace pushlab::viz {

struct Lifeline {
  std::string name;  // "Client", "3 clients", "Proxy", "Balancer", "Server", "Server 2"
  sim::EndpointRole role = sim::EndpointRole::client;
  float x = 0;
};

struct LaneLayout {
  float left = 0;
  float width = 0;
  std::vector<Lifeline> lifelines;
  std::vector<std::uint32_t> lifeline_of;  // by endpoint id

  float x_of(sim::EndpointId endpoint) const { return lifelines[lifeline_of[endpoint]].x; }
};

// The lane's lifelines across [left, left + width).
LaneLayout lay_out_lane(const sim::Lane& lane, float left, float width);

// The trace's lanes side by side across [left, left + width), `gap` pixels apart.
std::vector<LaneLayout> lay_out_lanes(const sim::Trace& trace, float left, float width, float gap);

}  // namespace pushlab::viz
