#pragma once
// The load balancer's routing, as the relay (sim/net/proxy_relay.hpp) asks for it: a server
// for each request by the policy (ServerChooser), unless the client is pinned.
//
// - sticky "ip-hash": the first choice for an address is remembered (HAProxy's `stick on src`);
// - sticky "cookie": the first response gets `Set-Cookie: pushlab_node=s3; Path=/` and later
//   requests that carry the cookie go to s3 (HAProxy's `cookie pushlab_node insert`).
// A pinned server that is down is replaced by the policy's choice, and pinned anew.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/cluster/server_chooser.hpp"
#include "sim/net/proxy_relay.hpp"

namespace pushlab::sim {

inline constexpr std::string_view kStickyCookie = "pushlab_node";

class BalancerRoute final : public RelayRoute {
 public:
  // `servers`: the servers' endpoints, s1 first.
  BalancerRoute(const Balancer& settings, std::vector<EndpointId> servers, Rng rng);

  std::optional<Choice> choose(EndpointId address, const WireFrame* request) override;
  void decorate(EndpointId upstream, WireFrame& head) override;
  void opened(EndpointId upstream) override { chooser_.opened(index_of(upstream)); }
  void closed(EndpointId upstream) override { chooser_.closed(index_of(upstream)); }

  // A server (from 0) goes out of rotation or comes back.
  void set_up(int server, bool up) { chooser_.set_up(server, up); }
  const ServerChooser& chooser() const { return chooser_; }

 private:
  int index_of(EndpointId endpoint) const;
  std::optional<int> pinned(EndpointId address, const WireFrame* request) const;

  const Balancer& settings_;
  std::vector<EndpointId> servers_;
  ServerChooser chooser_;
  std::unordered_map<EndpointId, int> stuck_;  // sticky ip-hash: address to server
};

}  // namespace pushlab::sim
