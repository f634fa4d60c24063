#include "sim/cluster/message_bus.hpp"

#include <stdexcept>

#include "sim/cluster/redis_pubsub.hpp"

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
                                             MessageBus::Arrived arrived) {
  switch (settings.kind) {
    case BrokerKind::none:
      return std::make_unique<NoBus>(std::move(arrived));
    case BrokerKind::redis_pubsub:
      return std::make_unique<RedisPubSub>(topology, std::move(arrived));
    case BrokerKind::redis_streams:
      break;  // refused by the loader until it is simulated
  }
  throw std::invalid_argument("no message bus for cluster.broker.kind redis-streams");
}

}  // namespace pushlab::sim
