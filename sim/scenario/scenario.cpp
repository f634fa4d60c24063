#include "sim/scenario/scenario.hpp"

namespace pushlab::sim {

Nanoseconds client_proxy_hop_latency(const Network& network) {
  return network.client_proxy_latency.value_or(network.latency / 2);
}

Nanoseconds proxy_server_hop_latency(const Network& network) {
  return network.proxy_server_latency.value_or(network.latency - network.latency / 2);
}

}  // namespace pushlab::sim
