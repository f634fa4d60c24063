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

namespace {

void add_clients(const Scenario& scenario, NetworkSpec& spec) {
  for (int i = 0; i < scenario.clients; ++i) {
    spec.endpoints.push_back({EndpointRole::client, "client " + std::to_string(i + 1)});
  }
}

void add_client_hops(const Scenario& scenario, EndpointId first_hop, NetworkSpec& spec) {
  for (int i = 0; i < scenario.clients; ++i) {
    spec.hops.push_back({.from = static_cast<EndpointId>(i),
                         .to = first_hop,
                         .link = client_hop(scenario),
                         .stream = streams::of_client_hop(i)});
  }
}

// With a proxy, it comes first after the clients and relays to `next`, the endpoint after it.
void add_proxy(const Scenario& scenario, NetworkSpec& spec) {
  const auto proxy = static_cast<EndpointId>(spec.endpoints.size());
  spec.endpoints.push_back({EndpointRole::proxy, "proxy"});
  spec.hops.push_back({.from = proxy,
                       .to = proxy + 1,
                       .link = upstream_hop(scenario),
                       .stream = streams::kProxyToServerHop});
}

// Clients, the proxy, the balancer, s1 to sN, and the broker when there is one.
NetworkSpec cluster_network(const Scenario& scenario, const Cluster& cluster) {
  NetworkSpec spec{.endpoints = {}, .hops = {}, .tls = scenario.network.tls};
  add_clients(scenario, spec);
  if (scenario.proxy.enabled) add_proxy(scenario, spec);
  const auto balancer = static_cast<EndpointId>(spec.endpoints.size());
  spec.endpoints.push_back({EndpointRole::load_balancer, "balancer"});
  const EndpointId first_server = balancer + 1;
  const auto broker = first_server + static_cast<EndpointId>(cluster.servers);
  for (int i = 0; i < cluster.servers; ++i) {
    const EndpointId server = first_server + static_cast<EndpointId>(i);
    spec.endpoints.push_back({EndpointRole::server, server_name(i + 1)});
    spec.hops.push_back({.from = balancer,
                         .to = server,
                         .link = {.latency = cluster.balancer.latency},
                         .stream = streams::of_balancer_hop(i)});
    if (cluster.broker.kind == BrokerKind::none) continue;
    spec.hops.push_back({.from = server,
                         .to = broker,
                         .link = {.latency = cluster.broker.latency},
                         .stream = streams::of_broker_hop(i)});
  }
  if (cluster.broker.kind != BrokerKind::none) {
    spec.endpoints.push_back({EndpointRole::broker, "redis"});
  }
  add_client_hops(scenario, scenario.proxy.enabled ? balancer - 1 : balancer, spec);
  return spec;
}

}  // namespace

NetworkSpec network_of(const Scenario& scenario) {
  if (scenario.cluster) return cluster_network(scenario, *scenario.cluster);
  NetworkSpec spec{.endpoints = {}, .hops = {}, .tls = scenario.network.tls};
  add_clients(scenario, spec);
  const auto next = static_cast<EndpointId>(scenario.clients);
  if (scenario.proxy.enabled) add_proxy(scenario, spec);
  spec.endpoints.push_back({EndpointRole::server, "server"});
  add_client_hops(scenario, next, spec);
  return spec;
}

}  // namespace pushlab::sim
