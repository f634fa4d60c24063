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

// The browser's page: it polls every interval and sends its own messages by POST.
class ShortPollClient final : public ClientModel {
 public:
  ShortPollClient(LaneWorld& world, int client)
      : world_(world), client_(client), page_(world.topology, client) {}

  void start() override {
    // One client polls from time 0; many start at random moments within an interval, as a
    // crowd of browsers does.
    const Nanoseconds interval = world_.scenario.short_poll.interval;
    const Nanoseconds phase = world_.clients() == 1
                                  ? Nanoseconds{0}
                                  : world_.rng.uniform_duration(Nanoseconds{0}, interval);
    world_.simulator.schedule(phase, [this] { poll(); });
  }

  void send(MessageId id) override { send_by_post(world_, page_.connections, client_, id); }

  void stop() override { page_.stop(); }

 private:
  // setInterval: the next poll is due an interval after this one, whether or not it has been
  // answered.
  void poll() {
    if (page_.stopped) return;
    world_.simulator.schedule(world_.scenario.short_poll.interval, [this] { poll(); });
    BrowserConnections& connections = page_.connections;
    connections.acquire([this, &connections](PooledConnection& connection) {
      connection.on_frame = [this, &connections, &connection](const WireFrame& response) {
        for (const MessageId id : response.messages) world_.messages.deliver(id);
        connections.release(connection);
      };
      WireFrame request = world_.http.request(
          "GET", contract::with_client(info(Transport::short_poll).path, client_), {});
      if (world_.notes) request.note = "the client asks: anything new?";
      connection.send(std::move(request));
    });
  }

  LaneWorld& world_;
  int client_;
  PollingPage page_;
};

// The server queues each client's messages until its next poll.
class ShortPollServer final : public ServerModel {
 public:
  ShortPollServer(LaneWorld& world, EndpointId endpoint)
      : world_(world),
        server_(world, endpoint,
                [this](Socket& socket, int client, const wire::http::Request&, const WireFrame&) {
                  answer_poll(socket, client);
                }),
        queues_(static_cast<std::size_t>(world.clients())) {}

  bool serves(int client) const override { return server_.has_seen(client); }

  void push(int client, MessageId id) override {
    queues_[static_cast<std::size_t>(client)].push_back(id);
  }

 private:
  void answer_poll(Socket& socket, int client) {
    std::vector<MessageId>& queue = queues_[static_cast<std::size_t>(client)];
    if (queue.empty()) {
      WireFrame nothing = world_.http.response(204, {});
      if (world_.notes) nothing.note = "nothing new: a whole request and response for no data";
      socket.send(std::move(nothing));
      return;
    }
    WireFrame batch =
        world_.http.response(200, {}, polling_body(world_.messages, queue), "application/json");
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
  std::vector<std::vector<MessageId>> queues_;  // by client
};

}  // namespace

LaneModels make_short_poll(LaneWorld& world) {
  return make_models<ShortPollServer, ShortPollClient>(world);
}

}  // namespace pushlab::sim
