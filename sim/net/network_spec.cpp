#include "sim/net/network_spec.hpp"

namespace pushlab::sim {

std::optional<EndpointId> NetworkSpec::first(EndpointRole role) const {
  for (std::size_t i = 0; i < endpoints.size(); ++i) {
    if (endpoints[i].role == role) return static_cast<EndpointId>(i);
  }
  return std::nullopt;
}

}  // namespace pushlab::sim
