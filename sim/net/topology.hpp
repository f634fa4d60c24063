#pragma once
// Who is on the wire in one lane and how they are joined: the clients, the proxy when the
// scenario has one, the server, and the links of each hop. It owns every TCP connection made
// during the run, so that their scheduled events always find them alive.

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "sim/net/net_context.hpp"
#include "sim/net/tcp_connection.hpp"
#include "sim/scenario/scenario.hpp"

namespace pushlab::sim {

class Topology {
 public:
  // Adds the endpoints to the context's sink: clients first ("client 1", ...), then "proxy"
  // when the scenario enables one, then "server".
  Topology(NetContext& net, const Scenario& scenario, int clients);

  NetContext& net() { return net_; }
  const Scenario& scenario() const { return scenario_; }
  int clients() const { return static_cast<int>(client_links_.size()); }
  EndpointId client(int index) const { return static_cast<EndpointId>(index); }
  std::optional<EndpointId> proxy() const { return proxy_; }
  EndpointId server() const { return server_; }
  bool tls() const { return scenario_.network.tls; }

  // What an endpoint does with a connection made to it: install its receivers on the acceptor
  // side. Called as the connection is made, before its first packet.
  using Listener = std::function<void(TcpConnection&)>;
  void listen(EndpointId endpoint, Listener listener);

  // A connection from a client to the next hop (the proxy, or the server without one).
  TcpConnection& connect_client(int index);
  // A connection from the proxy to the server.
  TcpConnection& connect_upstream();

  // The run is over: records every connection still open and every frame still in flight.
  void finish();

 private:
  TcpConnection& connect(EndpointId from, EndpointId to, Link& up, Link& down);

  struct LinkPair {
    Link up;    // towards the server
    Link down;  // towards the client
  };

  NetContext& net_;
  const Scenario& scenario_;
  std::vector<std::unique_ptr<LinkPair>> client_links_;  // stable addresses: connections keep them
  std::unique_ptr<LinkPair> upstream_links_;
  std::optional<EndpointId> proxy_;
  EndpointId server_ = 0;
  std::deque<TcpConnection> connections_;
  std::vector<Listener> listeners_;  // by endpoint id
};

// The client's hop: the whole path without a proxy, or client to proxy with one. Jitter, loss
// and bandwidth belong to it (a browser's access link); the proxy-server hop is a data-centre
// link with latency only.
LinkParams client_hop(const Scenario& scenario);
LinkParams upstream_hop(const Scenario& scenario);

}  // namespace pushlab::sim
