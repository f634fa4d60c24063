#include "sim/net/topology.hpp"

#include <stdexcept>
#include <string>

namespace pushlab::sim {

Topology::Topology(NetContext& net, NetworkSpec spec) : net_(net), spec_(std::move(spec)) {
  for (EndpointId id = 0; id < spec_.endpoints.size(); ++id) {
    net.sink.add_endpoint(spec_.endpoints[id]);
    if (spec_.endpoints[id].role == EndpointRole::server) servers_.push_back(id);
  }
  for (const Hop& hop : spec_.hops) {
    hops_[{hop.from, hop.to}] = std::make_unique<HopLinks>(HopLinks{
        {hop.link, net.rng.fork(2 * hop.stream)}, {hop.link, net.rng.fork(2 * hop.stream + 1)}});
    if (spec_.endpoints.at(hop.from).role == EndpointRole::client) {
      if (client_next_.size() <= hop.from) client_next_.resize(hop.from + 1);
      client_next_[hop.from] = hop.to;
    }
  }
}

void Topology::listen(EndpointId endpoint, Listener listener) {
  if (listeners_.size() <= endpoint) listeners_.resize(endpoint + 1);
  listeners_[endpoint] = std::move(listener);
}

void Topology::set_gate(EndpointId endpoint, ConnectionGate* gate) {
  if (gates_.size() <= endpoint) gates_.resize(endpoint + 1, nullptr);
  gates_[endpoint] = gate;
}

TcpConnection& Topology::connect(EndpointId from, EndpointId to) {
  const auto hop = hops_.find({from, to});
  if (hop == hops_.end()) {
    throw std::out_of_range("no hop from endpoint " + std::to_string(from) + " to " +
                            std::to_string(to));
  }
  TcpConnection& connection =
      connections_.emplace_back(net_, from, to, hop->second->up, hop->second->down, tls());
  if (connects_.size() <= to) connects_.resize(to + 1, 0);
  ++connects_[to];
  if (to < gates_.size() && gates_[to] != nullptr) connection.set_gate(gates_[to]);
  if (to < listeners_.size() && listeners_[to]) listeners_[to](connection);
  return connection;
}

TcpConnection& Topology::connect_client(int index) {
  return connect(client(index), client_next_.at(static_cast<std::size_t>(index)));
}

void Topology::reset_connections_of(EndpointId endpoint, const std::string& note) {
  for (TcpConnection& connection : connections_) {
    for (const Side side : {Side::opener, Side::acceptor}) {
      if (connection.endpoint(side) == endpoint && !connection.closed_by(side)) {
        connection.reset(side, note);
      }
    }
  }
}

void Topology::close_connections_of(EndpointId endpoint, const std::string& note) {
  for (TcpConnection& connection : connections_) {
    for (const Side side : {Side::opener, Side::acceptor}) {
      if (connection.endpoint(side) == endpoint && !connection.closed_by(side)) {
        connection.close(side, note);
      }
    }
  }
}

void Topology::finish() {
  for (TcpConnection& connection : connections_) connection.finish();
}

}  // namespace pushlab::sim
