// Engine.IO v4, with Socket.IO v5 above it: what most real applications use to push. The page
// opens on HTTP long polling, which passes every proxy, then probes a WebSocket for the same
// session and moves to it once the probe is answered; where a proxy breaks the WebSocket, the
// session simply stays on polling. Heartbeats run both ways (the server's ping every
// pingInterval, the client's pong), so an idle proxy never sees a silent connection, and a
// session whose heartbeat stops ends and is reconnected with Socket.IO's backoff. Every byte is
// the reference library's (sim/wire/engineio, checked against the npm packages).

#include "sim/transports/engine_io_client.hpp"
#include "sim/transports/engine_io_server.hpp"

namespace pushlab::sim {

LaneModels make_engine_io(LaneWorld& world) {
  return make_models<EngineIoServer, EngineIoClient>(world);
}

}  // namespace pushlab::sim
