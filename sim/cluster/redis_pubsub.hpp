#pragma once
// Redis pub/sub between the servers of a cluster (see message_bus.hpp): the broker's side reads
// each command as it arrived and answers as Redis 7 does; each server's side keeps its two
// connections and reads the `message` pushes from its subscription.

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "sim/cluster/message_bus.hpp"
#include "sim/cluster/redis_wire.hpp"
#include "sim/net/socket.hpp"
#include "sim/wire/resp/decoder.hpp"

namespace pushlab::sim {

class RedisPubSub final : public MessageBus {
 public:
  RedisPubSub(Topology& topology, Arrived arrived);

  void publish(int server, std::uint64_t publication, std::size_t payload_bytes) override;
  void server_started(int server) override;

 private:
  // A server's two connections to Redis.
  struct ServerLinks {
    ServerLinks(TcpConnection& subscribe, TcpConnection& publish, bool tls)
        : subscriber(subscribe, Side::opener, tls), publisher(publish, Side::opener, tls) {}
    Socket subscriber;
    Socket publisher;
    wire::resp::Decoder decoder;
    std::vector<WireFrame> waiting;  // PUBLISHes before the connection is ready
    bool publisher_ready = false;
  };

  // A connection Redis accepted.
  struct Accepted {
    Accepted(TcpConnection& connection, bool tls) : socket(connection, Side::acceptor, tls) {}
    Socket socket;
    wire::resp::Decoder decoder;
    bool subscribed = false;
  };

  void accept(TcpConnection& connection);
  void command(Accepted& client, const wire::resp::Value& value);
  void fan_out(const std::string& data);
  void pushed(int server, ServerLinks& links, const WireFrame& frame);

  Topology& topology_;
  Arrived arrived_;
  std::vector<ServerLinks*> links_;                     // the current ones, by server
  std::deque<std::unique_ptr<ServerLinks>> all_links_;  // every one made
  std::deque<std::unique_ptr<Accepted>> accepted_;
  std::vector<Accepted*> subscribers_;  // in the order they subscribed
};

}  // namespace pushlab::sim
