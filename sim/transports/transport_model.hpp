#pragma once
// One transport's client and server behaviour in a lane. The lane drives it: it starts every
// client at time 0, hands it each message as the traffic creates it, and stops each client once
// the traffic is over and nothing of the client's is outstanding (or a deadline has passed).
// The server side installs itself with Topology::listen when the model is made.

#include <memory>

#include "sim/transports/lane_world.hpp"

namespace pushlab::sim {

class TransportModel {
 public:
  virtual ~TransportModel() = default;

  virtual void start_client(int client) = 0;
  // A message for `client`, created at the server now.
  virtual void push(int client, MessageId id) = 0;
  // A message from `client`, created at the client now.
  virtual void send(int client, MessageId id) = 0;
  // The client closes what it holds and asks for nothing more. Called once per client.
  virtual void stop_client(int client) = 0;
};

std::unique_ptr<TransportModel> make_short_poll(LaneWorld& world);
std::unique_ptr<TransportModel> make_long_poll(LaneWorld& world);
std::unique_ptr<TransportModel> make_websocket(LaneWorld& world);
std::unique_ptr<TransportModel> make_sse(LaneWorld& world);

std::unique_ptr<TransportModel> make_transport(Transport transport, LaneWorld& world);

}  // namespace pushlab::sim
