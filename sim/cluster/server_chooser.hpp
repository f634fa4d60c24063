#pragma once
// The balancer's policy: which server takes a new connection or an unpinned request, among the
// servers that are up. Servers are numbered from 0 here (s1 is 0).
//
//   round-robin        each in turn (HAProxy's and nginx's default)
//   least-connections  the one with the fewest open connections from the balancer; ties go to
//                      the lowest number
//   random             uniformly among those up
//   ip-hash            a hash of the client's address picks one; when it is down the next one
//                      up takes its clients, so the others keep theirs (nginx marks a server
//                      `down` "to preserve the current hashing")

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/rng.hpp"
#include "sim/scenario/cluster.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::sim {

class ServerChooser {
 public:
  ServerChooser(BalancerPolicy policy, int servers, Rng rng);

  // A server for a client at `address`; nullopt when every server is down.
  std::optional<int> choose(EndpointId address);

  void set_up(int server, bool up) { up_[static_cast<std::size_t>(server)] = up; }
  bool up(int server) const { return up_[static_cast<std::size_t>(server)]; }

  // Connections from the balancer to a server, opened and closed: least-connections reads them.
  void opened(int server) { ++connections_[static_cast<std::size_t>(server)]; }
  void closed(int server) { --connections_[static_cast<std::size_t>(server)]; }
  int connections(int server) const { return connections_[static_cast<std::size_t>(server)]; }

  int servers() const { return static_cast<int>(up_.size()); }

 private:
  std::optional<int> round_robin();
  std::optional<int> least_connections() const;
  std::optional<int> random();
  std::optional<int> hashed(EndpointId address) const;

  BalancerPolicy policy_;
  Rng rng_;
  std::vector<bool> up_;
  std::vector<int> connections_;
  int next_ = 0;  // round robin's turn
};

}  // namespace pushlab::sim
