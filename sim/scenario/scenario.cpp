#include "sim/scenario/scenario.hpp"

#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::sim {

Nanoseconds client_proxy_hop_latency(const Network& network) {
  return network.client_proxy_latency.value_or(network.latency / 2);
}

Nanoseconds proxy_server_hop_latency(const Network& network) {
  return network.proxy_server_latency.value_or(network.latency - network.latency / 2);
}

std::string_view HttpHeaders::host() const {
  for (const HeaderField& field : request_headers) {
    if (wire::http::iequals(field.name, "Host")) return field.value;
  }
  return kDefaultHost;
}

}  // namespace pushlab::sim
