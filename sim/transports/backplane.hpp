#pragma once
// Where a message created for a client goes to reach the server that serves it. With one server
// it is handed over at once; in a cluster a broker carries it between servers, with its own
// latency and bytes (sim/transports/cluster_lane.hpp).

#include "sim/transports/transport_model.hpp"

namespace pushlab::sim {

// A message created for clients first to first + count - 1, one MessageId each from first_id
// on; in a cluster, published at the server of `sender`.
struct Publication {
  int first_client = 0;
  int count = 1;
  int sender = -1;
  MessageId first_id = 0;
  std::size_t payload_bytes = 0;

  MessageId id_for(int client) const {
    return first_id + static_cast<MessageId>(client - first_client);
  }
};

class Backplane {
 public:
  virtual ~Backplane() = default;

  // A message for its clients, created now.
  virtual void publish(const Publication& publication) = 0;
};

// One server that serves every client.
class DirectBackplane final : public Backplane {
 public:
  explicit DirectBackplane(ServerModel& server) : server_(server) {}

  void publish(const Publication& publication) override {
    for (int client = publication.first_client;
         client < publication.first_client + publication.count; ++client) {
      server_.push(client, publication.id_for(client));
    }
  }

 private:
  ServerModel& server_;
};

}  // namespace pushlab::sim
