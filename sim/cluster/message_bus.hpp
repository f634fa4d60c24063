#pragma once
// What carries a message published at one server to the servers that push it to their clients:
//
// - none: nothing does; the publishing server alone has it.
// - redis-pubsub: the server PUBLISHes it once to Redis, which sends it to every server
//   subscribed at that moment (at most once: a server that is down or not yet resubscribed
//   misses it). Real RESP bytes cross each server's two connections to the broker, one that
//   SUBSCRIBEs and one that PUBLISHes, since a subscribed RESP2 connection may send nothing else.
//
// Servers are numbered from 0 (s1 is 0); a publication is a number the lane gives each message.

#include <cstdint>
#include <functional>
#include <memory>

#include "sim/net/topology.hpp"
#include "sim/scenario/cluster.hpp"

namespace pushlab::sim {

class MessageBus {
 public:
  // A publication has reached `server`.
  using Arrived = std::function<void(int server, std::uint64_t publication)>;

  virtual ~MessageBus() = default;

  // `server` publishes `publication`, whose data is `payload_bytes` long.
  virtual void publish(int server, std::uint64_t publication, std::size_t payload_bytes) = 0;

  // The server is up, at the start and after a restart: it connects to the broker again.
  virtual void server_started(int /*server*/) {}
};

// The cluster's bus, on the topology's broker endpoint when it has one.
std::unique_ptr<MessageBus> make_message_bus(const Broker& settings, Topology& topology,
                                             MessageBus::Arrived arrived);

}  // namespace pushlab::sim
