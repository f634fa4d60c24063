#pragma once
// How the HTTP transports carry a message from the client to the server: a `POST /send` of its
// own, on a free connection of the browser's (a second one while a long poll or an event
// stream holds the first); and the page of the two polling transports, which sends that way,
// and the body their answers carry.

#include <string>

#include "sim/transports/browser_connections.hpp"
#include "sim/transports/lane_world.hpp"

namespace pushlab::sim {

void send_by_post(LaneWorld& world, BrowserConnections& connections, int client, MessageId id);

// The body of a polling response: the messages' payloads, a JSON array of strings.
template <typename MessageIds>
std::string polling_body(const MessageBook& messages, const MessageIds& ids) {
  std::string body = "[";
  bool first = true;
  for (const MessageId id : ids) {
    if (!first) body += ',';
    first = false;
    body += '"';
    messages.append_payload(body, id);
    body += '"';
  }
  return body + ']';
}

// A browser page that polls over HTTP (short or long polling): its pool of connections to the
// server, and whether the run has stopped it, after which it asks nothing more.
struct PollingPage {
  PollingPage(Topology& topology, int client) : connections(topology, client) {}

  void stop() {
    stopped = true;
    connections.close_all();
  }

  BrowserConnections connections;
  bool stopped = false;
};

}  // namespace pushlab::sim
