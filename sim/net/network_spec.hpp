#pragma once
// A lane's network as a graph, built before the run and handed to Topology: the endpoints, in
// the order the Trace numbers them, and the hops between them, each with its link (both
// directions alike).
//
//   NetworkSpec spec{.endpoints = {{EndpointRole::client, "client 1"},
//                                  {EndpointRole::server, "server"}},
//                    .hops = {{.from = 0, .to = 1, .link = {.latency = 50ms}}}};

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/net/link.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::sim {

struct Hop {
  EndpointId from = 0;  // the side that connects; "up" is from `from` to `to`
  EndpointId to = 0;
  LinkParams link{};

  friend bool operator==(const Hop&, const Hop&) = default;
};

struct NetworkSpec {
  std::vector<Endpoint> endpoints;
  std::vector<Hop> hops;
  bool tls = false;  // every connection pays TLS's setup and record overhead

  // The first endpoint with that role, if any.
  std::optional<EndpointId> first(EndpointRole role) const;

  friend bool operator==(const NetworkSpec&, const NetworkSpec&) = default;
};

}  // namespace pushlab::sim
