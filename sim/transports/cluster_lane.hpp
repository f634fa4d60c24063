#pragma once
// A lane's servers when its scenario has a cluster: the balancer in front of them (the relay
// with the cluster's routing), one server model per server, the bus between them, and the
// failures the scenario schedules. It is the lane's Backplane: a message is published at the
// sender's server, the bus carries it, and each server it reaches pushes it to the clients it
// holds now (ServerModel::serves).
//
// Failures, at their time:
// - crash: every connection of the server is reset, it is out of the balancer's rotation, and
//   what it held is gone; on restart a new server model starts empty and subscribes again.
// - partition: the server is cut off: what it sends and what reaches it is lost, nothing
//   closes; when it heals it goes on with what it held.
// - drain: out of rotation; its WebSockets are closed with 1001 Going Away, and what is still
//   open 30 s later is closed (FIN), so that its clients reconnect elsewhere.
// Each server's threads, descriptors, memory and CPU are its ServerResources: a message it
// pushes waits for its CPU. Every 100 ms the lane samples the servers' gauges and the clients'
// connection attempts at the balancer into the Trace (HostSample).
//
// With redis-streams a server that a client comes to with a resume point reads the stream's
// entries after it and pushes what the client missed (sim/transports/stream_resume.hpp).
//
// The balancer learns at once that a server is down or back (as a refused connection and
// HAProxy's `option redispatch` would have it), not after health checks.

#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "sim/cluster/balancer_route.hpp"
#include "sim/cluster/message_bus.hpp"
#include "sim/cluster/server_resources.hpp"
#include "sim/net/proxy_relay.hpp"
#include "sim/transports/backplane.hpp"

namespace pushlab::sim {

class ClusterLane final : public Backplane {
 public:
  // `rng` is the balancer's own stream (its random policy, a sender between connections).
  ClusterLane(LaneWorld& world, const LaneModels& models, const Cluster& cluster, Rng rng);
  ClusterLane(const ClusterLane&) = delete;
  ClusterLane& operator=(const ClusterLane&) = delete;

  void publish(const Publication& publication) override;

 private:
  std::optional<int> origin_of(const Publication& publication);
  void arrived(int server, std::uint64_t number);
  void resume(EndpointId server, int client, std::optional<MessageId> last);
  void replayed(int server, int client, std::uint64_t number);
  void push_later(int server, int client, MessageId id);
  std::optional<std::uint64_t> publication_of(int client, MessageId id) const;
  void schedule(const Failure& failure);
  void fail(const Failure& failure);
  void recover(const Failure& failure);
  void sample_hosts(Nanoseconds interval_start);
  EndpointId endpoint_of(int server) const {
    return world_.topology.servers()[static_cast<std::size_t>(server)];
  }

  LaneWorld& world_;
  const LaneModels& models_;
  const Cluster& cluster_;
  Rng rng_;
  BalancerRoute route_;
  RelaySettings relay_settings_;
  ProxyRelay balancer_;
  std::vector<std::unique_ptr<ServerModel>> servers_;        // the current model of each server
  std::vector<std::unique_ptr<ServerModel>> retired_;        // crashed ones: timers may still call
  std::vector<std::unique_ptr<ServerResources>> resources_;  // by server, for the whole run
  std::vector<bool> up_;
  std::uint64_t balancer_connects_ = 0;  // at the last sample
  std::unique_ptr<MessageBus> bus_;
  std::vector<Publication> publications_;  // by number
};

}  // namespace pushlab::sim
