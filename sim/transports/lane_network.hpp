#pragma once
// The network of one lane, read from its scenario: the clients, the proxy when the scenario
// enables one, the server, and the hops between them. The one place where a Scenario becomes a
// NetworkSpec.

#include "sim/net/network_spec.hpp"
#include "sim/scenario/scenario.hpp"

namespace pushlab::sim {

// Endpoints: clients first ("client 1", ...), then "proxy" when enabled, then "server".
NetworkSpec network_of(const Scenario& scenario);

// The client's hop: the whole path without a proxy, or client to proxy with one. Jitter, loss
// and bandwidth belong to it (a browser's access link); the proxy-server hop is a data-centre
// link with latency only.
LinkParams client_hop(const Scenario& scenario);
LinkParams upstream_hop(const Scenario& scenario);

}  // namespace pushlab::sim
