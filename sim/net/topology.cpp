#include "sim/net/topology.hpp"

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

Topology::Topology(NetContext& net, const Scenario& scenario, int clients)
    : net_(net), scenario_(scenario) {
  const LinkParams hop = client_hop(scenario);
  for (int i = 0; i < clients; ++i) {
    net.sink.add_endpoint({EndpointRole::client, "client " + std::to_string(i + 1)});
    client_links_.push_back(std::make_unique<LinkPair>(LinkPair{{hop, net.rng}, {hop, net.rng}}));
  }
  EndpointId next = static_cast<EndpointId>(clients);
  if (scenario.proxy.enabled) {
    net.sink.add_endpoint({EndpointRole::proxy, "proxy"});
    proxy_ = next++;
    const LinkParams upstream = upstream_hop(scenario);
    upstream_links_ =
        std::make_unique<LinkPair>(LinkPair{{upstream, net.rng}, {upstream, net.rng}});
  }
  net.sink.add_endpoint({EndpointRole::server, "server"});
  server_ = next;
}

void Topology::listen(EndpointId endpoint, Listener listener) {
  if (listeners_.size() <= endpoint) listeners_.resize(endpoint + 1);
  listeners_[endpoint] = std::move(listener);
}

TcpConnection& Topology::connect(EndpointId from, EndpointId to, Link& up, Link& down) {
  TcpConnection& connection = connections_.emplace_back(net_, from, to, up, down, tls());
  if (to < listeners_.size() && listeners_[to]) listeners_[to](connection);
  return connection;
}

TcpConnection& Topology::connect_client(int index) {
  LinkPair& links = *client_links_.at(static_cast<std::size_t>(index));
  return connect(client(index), proxy_.value_or(server_), links.up, links.down);
}

TcpConnection& Topology::connect_upstream() {
  return connect(proxy_.value(), server_, upstream_links_->up, upstream_links_->down);
}

void Topology::finish() {
  for (TcpConnection& connection : connections_) connection.finish();
}

}  // namespace pushlab::sim
