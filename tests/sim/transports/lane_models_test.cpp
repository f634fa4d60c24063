// The models of a lane: a client model per browser and a server model on the server's
// endpoint, with the Backplane between the traffic and the server, and the long-poll mailbox
// the server keeps for each client.

#include <doctest/doctest.h>

#include <deque>
#include <utility>
#include <vector>

#include "sim/transports/backplane.hpp"
#include "sim/transports/long_poll_mailbox.hpp"
#include "sim/transports/simulate.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

// A server that remembers what reached it.
struct RecordingServer final : ServerModel {
  void push(int client, MessageId id) override { pushed.emplace_back(client, id); }
  bool serves(int) const override { return true; }
  std::vector<std::pair<int, MessageId>> pushed;
};

std::vector<MessageId> ids(const std::deque<MessageId>& messages) {
  return {messages.begin(), messages.end()};
}

}  // namespace

TEST_CASE("lane models: one client model per browser, one server model, for every transport") {
  for (const Transport transport : kAllTransports) {
    CAPTURE(to_string(transport));
    Scenario scenario = basic_scenario(transport, 5s);
    scenario.clients = 3;
    add_periodic(scenario, Direction::server_to_client, 1s, 1s);
    std::size_t clients_made = 0;
    TraceRecorder recorder(transport);
    run_lane_with(
        scenario, transport,
        [&](LaneWorld& world) {
          LaneModels models = make_transport(transport, world);
          clients_made = models.clients.size();
          CHECK(models.make_server != nullptr);
          return models;
        },
        recorder);
    CHECK(clients_made == 3);
    // Every client got its server's messages: the server served all three.
    const LaneMetrics metrics = compute_metrics(std::move(recorder).finish());
    CHECK(metrics.delivered == 3 * 4);
  }
}

TEST_CASE("lane models: with one server, the backplane hands each message to it at once") {
  RecordingServer server;
  DirectBackplane backplane(server);
  backplane.publish(
      {.first_client = 2, .count = 1, .sender = -1, .first_id = 7, .payload_bytes = 4});
  backplane.publish(
      {.first_client = 0, .count = 1, .sender = -1, .first_id = 8, .payload_bytes = 4});
  // A broadcast: one message id for each of its clients, in a row.
  backplane.publish(
      {.first_client = 1, .count = 3, .sender = -1, .first_id = 9, .payload_bytes = 4});
  CHECK(server.pushed ==
        std::vector<std::pair<int, MessageId>>{{2, 7}, {0, 8}, {1, 9}, {2, 10}, {3, 11}});
}

TEST_CASE("long-poll mailbox: messages stay until a cursor covers them, and say when resent") {
  LongPollMailbox mailbox;
  mailbox.put(10);
  mailbox.put(11);
  const LongPollMailbox::Batch first = mailbox.take();
  CHECK(ids(first.messages) == std::vector<MessageId>{10, 11});
  CHECK(first.sent_before == 0);
  mailbox.put(12);
  // The next request's cursor says the client has had one message, 10: 11 goes out again.
  mailbox.confirm(1);
  CHECK(mailbox.size() == 2);
  const LongPollMailbox::Batch second = mailbox.take();
  CHECK(ids(second.messages) == std::vector<MessageId>{11, 12});
  CHECK(second.sent_before == 1);  // 11 went out before; 12 is new
  // Everything arrived: a cursor of 3 empties the mailbox, and a higher one changes nothing.
  mailbox.confirm(3);
  CHECK(mailbox.empty());
  mailbox.confirm(5);
  mailbox.put(13);
  CHECK(mailbox.take().sent_before == 0);
}
