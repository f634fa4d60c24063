#pragma once
// Where a message created for a client goes to reach the server that serves it. With one server
// it is handed over at once; in a cluster a broker carries it between servers, with its own
// latency and bytes (issue 16).

#include "sim/transports/transport_model.hpp"

namespace pushlab::sim {

class Backplane {
 public:
  virtual ~Backplane() = default;

  // A message for `client`, created now.
  virtual void publish(int client, MessageId id) = 0;
};

// One server that serves every client.
class DirectBackplane final : public Backplane {
 public:
  explicit DirectBackplane(ServerModel& server) : server_(server) {}

  void publish(int client, MessageId id) override { server_.push(client, id); }

 private:
  ServerModel& server_;
};

}  // namespace pushlab::sim
