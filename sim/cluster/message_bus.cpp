#include "sim/cluster/message_bus.hpp"

#include <stdexcept>

#include "sim/cluster/redis_pubsub.hpp"
#include "sim/cluster/redis_streams.hpp"

namespace pushlab::sim {

namespace {

// Servers that do not talk: a publication reaches its own server only.
class NoBus final : public MessageBus {
 public:
  explicit NoBus(Arrived arrived) : arrived_(std::move(arrived)) {}
  void publish(int server, std::uint64_t publication, std::size_t) override {
    arrived_(server, publication);
  }

 private:
  Arrived arrived_;
};

}  // namespace

std::unique_ptr<MessageBus> make_message_bus(const Broker& settings, Topology& topology,
                                             MessageBus::Arrived arrived,
                                             MessageBus::Replayed replayed) {
  switch (settings.kind) {
    case BrokerKind::none:
      return std::make_unique<NoBus>(std::move(arrived));
    case BrokerKind::redis_pubsub:
      return std::make_unique<RedisPubSub>(topology, std::move(arrived));
    case BrokerKind::redis_streams:
      return std::make_unique<RedisStreams>(topology, std::move(arrived), std::move(replayed));
  }
  throw std::invalid_argument("no message bus for this cluster.broker.kind");
}

}  // namespace pushlab::sim
