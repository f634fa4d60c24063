#include "sim/transports/lane_network.hpp"

#include <string>

#include "sim/transports/random_streams.hpp"

namespace pushlab::sim {

LinkParams client_hop(const Scenario& scenario) {
  const Network& network = scenario.network;
  return {.latency = scenario.proxy.enabled ? client_proxy_hop_latency(network) : network.latency,
          .jitter = network.jitter,
          .loss = network.loss,
          .bandwidth_kbps = network.bandwidth_kbps};
}

LinkParams upstream_hop(const Scenario& scenario) {
  return {.latency = proxy_server_hop_latency(scenario.network)};
}

NetworkSpec network_of(const Scenario& scenario) {
  NetworkSpec spec{.endpoints = {}, .hops = {}, .tls = scenario.network.tls};
  for (int i = 0; i < scenario.clients; ++i) {
    spec.endpoints.push_back({EndpointRole::client, "client " + std::to_string(i + 1)});
  }
  const auto next = static_cast<EndpointId>(scenario.clients);
  const EndpointId server = scenario.proxy.enabled ? next + 1 : next;
  if (scenario.proxy.enabled) {
    spec.endpoints.push_back({EndpointRole::proxy, "proxy"});
    spec.hops.push_back({.from = next,
                         .to = server,
                         .link = upstream_hop(scenario),
                         .stream = streams::kProxyToServerHop});
  }
  spec.endpoints.push_back({EndpointRole::server, "server"});
  for (int i = 0; i < scenario.clients; ++i) {
    spec.hops.push_back({.from = static_cast<EndpointId>(i),
                         .to = next,
                         .link = client_hop(scenario),
                         .stream = streams::of_client_hop(i)});
  }
  return spec;
}

}  // namespace pushlab::sim
