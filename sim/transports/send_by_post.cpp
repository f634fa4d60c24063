#include "sim/transports/send_by_post.hpp"

#include "sim/transports/http_contract.hpp"
#include "sim/transports/http_server.hpp"

namespace pushlab::sim {

void send_by_post(LaneWorld& world, BrowserConnections& connections, int client, MessageId id) {
  connections.acquire([&world, &connections, client, id](PooledConnection& connection) {
    WireFrame post = world.http.request("POST", contract::with_client(contract::kSendPath, client),
                                        {}, world.messages.payload(id), "text/plain");
    post.messages = {id};
    if (world.notes) post.note = "the client's message travels in a request of its own";
    connection.on_frame = [&connections, &connection](const WireFrame&) {
      connections.release(connection);
    };
    connection.send(std::move(post));
  });
}

}  // namespace pushlab::sim
