#pragma once
// One transport's behaviour in a lane, split the way ns-3 installs applications: a client model
// per browser, and a server model installed on the server's endpoint. The lane drives them: it
// starts every client at time 0, gives a client each message it sends, hands each message for a
// client to the Backplane (which finds the server that serves it), and stops each client once
// the traffic is over and nothing of the client's is outstanding (or a deadline has passed).

#include <functional>
#include <memory>
#include <vector>

#include "sim/transports/lane_world.hpp"

namespace pushlab::sim {

// One browser's side.
class ClientModel {
 public:
  virtual ~ClientModel() = default;

  virtual void start() = 0;
  // A message from this client, created at the client now.
  virtual void send(MessageId id) = 0;
  // The client closes what it holds and asks for nothing more. Called once.
  virtual void stop() = 0;
};

// A server's side: it listens on its endpoint (Topology::listen) from the moment it is made.
class ServerModel {
 public:
  virtual ~ServerModel() = default;

  // A message for `client`, created at this server now.
  virtual void push(int client, MessageId id) = 0;

  // Whether this server holds the client now (an open connection, a stream, a mailbox its
  // polls have made): in a cluster, a server pushes only to the clients it holds.
  virtual bool serves(int client) const = 0;

  // The server drains: it says goodbye on what it holds, as its protocol has a way to (a
  // WebSocket's close frame with 1001 Going Away). The lane closes what is still open later.
  virtual void drain() {}
};

struct LaneModels {
  // The model of the server on an endpoint: made for each server, and again, with nothing of
  // what the last one held, when a crashed server restarts.
  std::function<std::unique_ptr<ServerModel>(EndpointId server)> make_server;
  std::vector<std::unique_ptr<ClientModel>> clients;  // by client
};

LaneModels make_short_poll(LaneWorld& world);
LaneModels make_long_poll(LaneWorld& world);
LaneModels make_websocket(LaneWorld& world);
LaneModels make_sse(LaneWorld& world);
LaneModels make_engine_io(LaneWorld& world);

LaneModels make_transport(Transport transport, LaneWorld& world);

// Server models made with (world, endpoint), and a client model of type Client for each of the
// world's clients, each made with (world, client).
template <typename Server, typename Client>
LaneModels make_models(LaneWorld& world) {
  LaneModels models{.make_server = [&world](EndpointId server) -> std::unique_ptr<ServerModel> {
                      return std::make_unique<Server>(world, server);
                    },
                    .clients = {}};
  for (int client = 0; client < world.clients(); ++client) {
    models.clients.push_back(std::make_unique<Client>(world, client));
  }
  return models;
}

}  // namespace pushlab::sim
