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

#include "sim/net/cookie_jar.hpp"
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
  std::optional<EndpointId> balancer() const { return spec_.first(EndpointRole::load_balancer); }
  std::optional<EndpointId> broker() const { return spec_.first(EndpointRole::broker); }
  EndpointId server() const { return *spec_.first(EndpointRole::server); }
  // Every server, in the spec's order: s1, s2, ...
  const std::vector<EndpointId>& servers() const { return servers_; }
  bool tls() const { return spec_.tls; }

  // What an endpoint does with a connection made to it: install its receivers on the acceptor
  // side. Called as the connection is made, before its first packet.
  using Listener = std::function<void(TcpConnection&)>;
  void listen(EndpointId endpoint, Listener listener);
  // The endpoint's host admits and paces what its application reads (connection_gate.hpp).
  void set_gate(EndpointId endpoint, ConnectionGate* gate);
  // Connections made to the endpoint so far.
  std::uint64_t connects_to(EndpointId endpoint) const {
    return endpoint < connects_.size() ? connects_[endpoint] : 0;
  }

  // A connection over the hop from `from` to `to`; throws std::out_of_range without one.
  TcpConnection& connect(EndpointId from, EndpointId to);
  // A connection over a client's hop: to the proxy, or to the server without one.
  TcpConnection& connect_client(int index);

  // A crash: every connection of `endpoint` that is still open is reset from its side.
  void reset_connections_of(EndpointId endpoint, const std::string& note);

  // A drain: every connection of `endpoint` that is still open is closed (FIN) from its side.
  void close_connections_of(EndpointId endpoint, const std::string& note);

  // Browsers keep cookies from here on (a balancer that pins by cookie sets them).
  void keep_cookies() { jars_.resize(client_next_.size()); }
  // Client `index`'s jar, or null when cookies are not kept.
  CookieJar* cookie_jar(int index) {
    return jars_.empty() ? nullptr : &jars_[static_cast<std::size_t>(index)];
  }

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
  std::vector<Listener> listeners_;      // by endpoint id
  std::vector<ConnectionGate*> gates_;   // by endpoint id, null for none
  std::vector<std::uint64_t> connects_;  // by endpoint id
  std::vector<EndpointId> servers_;
  std::vector<CookieJar> jars_;  // by client, when kept
};

}  // namespace pushlab::sim
