// Short polling: the client asks every interval_s whether anything is new; the server answers at
// once with what has queued up for that client (200 and a JSON array of the messages) or with
// nothing (204 No Content). A message waits on average half an interval for the next poll,
// and most polls come back empty when messages are rare.

#include <deque>
#include <vector>

#include "sim/transports/browser_connections.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/transports/http_server.hpp"
#include "sim/transports/send_by_post.hpp"
#include "sim/transports/transport_model.hpp"

namespace pushlab::sim {

namespace {

class ShortPoll final : public TransportModel {
 public:
  explicit ShortPoll(LaneWorld& world)
      : world_(world),
        server_(world, [this](Socket& socket, int client, const wire::http::Request&,
                              const WireFrame&) { answer_poll(socket, client); }) {
    for (int client = 0; client < world.clients(); ++client) {
      clients_.push_back(std::make_unique<Client>(world.topology, client));
    }
    queues_.resize(static_cast<std::size_t>(world.clients()));
  }

  void start_client(int client) override {
    // One client polls from time 0; many start at random moments within an interval, as a
    // crowd of browsers does.
    const Nanoseconds interval = world_.scenario.short_poll.interval;
    const Nanoseconds phase = world_.clients() == 1
                                  ? Nanoseconds{0}
                                  : world_.rng.uniform_duration(Nanoseconds{0}, interval);
    world_.simulator.schedule(phase, [this, client] { poll(client); });
  }

  void push(int client, MessageId id) override {
    queues_[static_cast<std::size_t>(client)].push_back(id);
  }

  void send(int client, MessageId id) override {
    send_by_post(world_, at(client).connections, client, id);
  }

  void stop_client(int client) override { at(client).stop(); }

 private:
  using Client = PollingPage;

  Client& at(int client) { return *clients_[static_cast<std::size_t>(client)]; }

  // setInterval: the next poll is due an interval after this one, whether or not it has been
  // answered.
  void poll(int client) {
    if (at(client).stopped) return;
    world_.simulator.schedule(world_.scenario.short_poll.interval,
                              [this, client] { poll(client); });
    BrowserConnections& connections = at(client).connections;
    connections.acquire([this, client, &connections](PooledConnection& connection) {
      connection.on_frame = [this, &connections, &connection](const WireFrame& response) {
        for (const MessageId id : response.messages) world_.messages.deliver(id);
        connections.release(connection);
      };
      WireFrame request = world_.http.request(
          "GET", contract::with_client(info(Transport::short_poll).path, client), {});
      if (world_.notes) request.note = "the client asks: anything new?";
      connection.send(std::move(request));
    });
  }

  void answer_poll(Socket& socket, int client) {
    std::vector<MessageId>& queue = queues_[static_cast<std::size_t>(client)];
    if (queue.empty()) {
      WireFrame nothing = world_.http.response(204, {});
      if (world_.notes) nothing.note = "nothing new: a whole request and response for no data";
      socket.send(std::move(nothing));
      return;
    }
    std::string body = "[";
    for (const MessageId id : queue) {
      if (id != queue.front()) body += ',';
      body += '"';
      world_.messages.append_payload(body, id);
      body += '"';
    }
    body += ']';
    WireFrame batch = world_.http.response(200, {}, body, "application/json");
    batch.messages = std::move(queue);
    queue.clear();
    if (world_.notes) {
      batch.note = std::to_string(batch.messages.size()) +
                   (batch.messages.size() == 1 ? " message waited" : " messages waited") +
                   " at the server for this poll";
    }
    socket.send(std::move(batch));
  }

  LaneWorld& world_;
  HttpServer server_;
  std::vector<std::unique_ptr<Client>> clients_;
  std::vector<std::vector<MessageId>> queues_;  // at the server, by client
};

}  // namespace

std::unique_ptr<TransportModel> make_short_poll(LaneWorld& world) {
  return std::make_unique<ShortPoll>(world);
}

}  // namespace pushlab::sim
