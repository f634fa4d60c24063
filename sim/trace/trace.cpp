#include "sim/trace/trace.hpp"

namespace pushlab::sim {

std::string_view to_string(EndpointRole role) {
  switch (role) {
    case EndpointRole::client:
      return "client";
    case EndpointRole::proxy:
      return "proxy";
    case EndpointRole::load_balancer:
      return "load-balancer";
    case EndpointRole::server:
      return "server";
    case EndpointRole::broker:
      return "broker";
  }
  return "unknown";  // only reachable through a cast from an out-of-range integer
}

std::string_view to_string(Layer layer) {
  switch (layer) {
    case Layer::tcp:
      return "tcp";
    case Layer::tls:
      return "tls";
    case Layer::http:
      return "http";
    case Layer::websocket:
      return "websocket";
    case Layer::sse:
      return "sse";
    case Layer::resp:
      return "resp";
  }
  return "unknown";  // only reachable through a cast from an out-of-range integer
}

std::string_view to_string(HostEventKind kind) {
  switch (kind) {
    case HostEventKind::crash:
      return "crash";
    case HostEventKind::restart:
      return "restart";
    case HostEventKind::partition:
      return "partition";
    case HostEventKind::heal:
      return "heal";
    case HostEventKind::drain:
      return "drain";
  }
  return "crash";
}

}  // namespace pushlab::sim
