#pragma once
// What carries a message published at one server to the servers that push it to their clients:
//
// - none: nothing does; the publishing server alone has it.
// - redis-pubsub: the server PUBLISHes it once to Redis, which sends it to every server
//   subscribed at that moment (at most once: a server that is down or not yet resubscribed
//   misses it). Real RESP bytes cross each server's two connections to the broker, one that
//   SUBSCRIBEs and one that PUBLISHes, since a subscribed RESP2 connection may send nothing else.
// - redis-streams: the server XADDs it to a stream Redis keeps; each server reads the stream
//   with XREAD BLOCK from the last entry it read. A server that a client comes back to reads the
//   entries after the client's resume point and sends it what it missed (replay).
//
// Servers are numbered from 0 (s1 is 0); a publication is a number the lane gives each message.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "sim/net/topology.hpp"
#include "sim/scenario/cluster.hpp"

namespace pushlab::sim {

class MessageBus {
 public:
  // A publication has reached `server`.
  using Arrived = std::function<void(int server, std::uint64_t publication)>;
  // A publication `server` read back from the broker for `client`, who missed it.
  using Replayed = std::function<void(int server, int client, std::uint64_t publication)>;

  virtual ~MessageBus() = default;

  // `server` publishes `publication`, whose data is `payload_bytes` long.
  virtual void publish(int server, std::uint64_t publication, std::size_t payload_bytes) = 0;

  // The server is up, at the start and after a restart: it connects to the broker again.
  virtual void server_started(int /*server*/) {}

  // `client` came to `server` having received everything up to `publication` (none: nothing
  // yet). A bus that keeps what was published replays what came after; the others cannot.
  virtual void replay(int /*server*/, int /*client*/,
                      std::optional<std::uint64_t> /*publication*/) {}

  // Whether replay does anything.
  virtual bool keeps_history() const { return false; }
};

// The cluster's bus, on the topology's broker endpoint when it has one.
std::unique_ptr<MessageBus> make_message_bus(const Broker& settings, Topology& topology,
                                             MessageBus::Arrived arrived,
                                             MessageBus::Replayed replayed);

}  // namespace pushlab::sim
