#include "sim/transports/transport_model.hpp"

#include <stdexcept>

namespace pushlab::sim {

LaneModels make_transport(Transport transport, LaneWorld& world) {
  switch (transport) {
    case Transport::short_poll:
      return make_short_poll(world);
    case Transport::long_poll:
      return make_long_poll(world);
    case Transport::websocket:
      return make_websocket(world);
    case Transport::sse:
      return make_sse(world);
    case Transport::engine_io:
      return make_engine_io(world);
  }
  throw std::invalid_argument("unknown transport");
}

}  // namespace pushlab::sim
