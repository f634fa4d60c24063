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
  // The hop's random streams, fixed for the hop whatever else the network holds: its up link
  // draws from fork(2 * stream), its down link from fork(2 * stream + 1) of the lane's network
  // stream (sim/transports/random_streams.hpp numbers them).
  std::uint64_t stream = 0;

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
