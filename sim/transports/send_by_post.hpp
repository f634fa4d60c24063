#pragma once
// How the HTTP transports carry a message from the client to the server: a `POST /send` of its
// own, on a free connection of the browser's (a second one while a long poll or an event
// stream holds the first).

#include "sim/transports/browser_connections.hpp"
#include "sim/transports/lane_world.hpp"

namespace pushlab::sim {

void send_by_post(LaneWorld& world, BrowserConnections& connections, int client, MessageId id);

}  // namespace pushlab::sim
