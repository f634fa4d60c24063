#pragma once
// Who is on the wire in one lane and how they are joined, as a NetworkSpec describes it: the
// endpoints (added to the Trace in the spec's order) and a pair of links for each hop. It owns
// every TCP connection made during the run, so that their scheduled events always find them
// alive.

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "sim/net/net_context.hpp"
#include "sim/net/network_spec.hpp"
#include "sim/net/tcp_connection.hpp"

namespace pushlab::sim {

class Topology {
 public:
  Topology(NetContext& net, NetworkSpec spec);

  NetContext& net() { return net_; }
  const NetworkSpec& spec() const { return spec_; }
  int clients() const { return static_cast<int>(client_next_.size()); }
  EndpointId client(int index) const { return static_cast<EndpointId>(index); }
  std::optional<EndpointId> proxy() const { return spec_.first(EndpointRole::proxy); }
  EndpointId server() const { return *spec_.first(EndpointRole::server); }
  bool tls() const { return spec_.tls; }

  // What an endpoint does with a connection made to it: install its receivers on the acceptor
  // side. Called as the connection is made, before its first packet.
  using Listener = std::function<void(TcpConnection&)>;
  void listen(EndpointId endpoint, Listener listener);

  // A connection over the hop from `from` to `to`; throws std::out_of_range without one.
  TcpConnection& connect(EndpointId from, EndpointId to);
  // A connection over a client's hop: to the proxy, or to the server without one.
  TcpConnection& connect_client(int index);

  // The run is over: records every connection still open and every frame still in flight.
  void finish();

 private:
  // A hop's two links, each with a random stream of its own (Hop::stream).
  struct HopLinks {
    Link up;    // from the hop's `from` to its `to`
    Link down;  // back
  };

  NetContext& net_;
  NetworkSpec spec_;
  // Stable addresses: connections keep their links.
  std::map<std::pair<EndpointId, EndpointId>, std::unique_ptr<HopLinks>> hops_;
  std::vector<EndpointId> client_next_;  // where each client's hop leads
  std::deque<TcpConnection> connections_;
  std::vector<Listener> listeners_;  // by endpoint id
};

}  // namespace pushlab::sim
