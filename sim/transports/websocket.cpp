// WebSocket (RFC 6455): each client opens one connection and asks, in an HTTP GET with
// `Upgrade: websocket`, to switch protocols; after the server's 101 Switching Protocols both
// sides send frames whenever they like. A message then costs a frame header of 2 to 14 bytes
// and one transit. What can go wrong is the connection itself: a proxy that does not know
// WebSocket strips the Upgrade header (the server refuses the handshake), and a proxy closes a
// connection that stays silent too long (the server's pings prevent it; without them the client
// reconnects).

#include "sim/transports/websocket_client.hpp"
#include "sim/transports/websocket_server.hpp"

namespace pushlab::sim {

LaneModels make_websocket(LaneWorld& world) {
  return make_models<WebSocketServer, WebSocketClient>(world);
}

}  // namespace pushlab::sim
