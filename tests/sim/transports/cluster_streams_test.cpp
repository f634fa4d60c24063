// The broker across a server's restart: Redis pub/sub loses what is published while the
// server's clients are away, Redis Streams with each client's resume point loses nothing, for
// every transport that keeps a connection or a mailbox at a server.

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "sim/trace/metrics.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

constexpr Nanoseconds kCrash = 10s;

// 40 browsers on four servers; a broadcast every 100 ms from 1 s, once every page is open; s2
// crashes at 10 s and is back at 15 s; clients retry after a fixed 1 s.
Scenario restart_scenario(Transport transport, BrokerKind broker) {
  Scenario scenario = basic_scenario(transport, 20s);
  scenario.clients = 40;
  scenario.cluster = Cluster{
      .servers = 4,
      .balancer = {},
      .server = {},
      .broker = {.kind = broker, .latency = 250us},
      .failures = {{.at = kCrash, .server = 2, .kind = FailureKind::crash, .restart_after = 5s}},
      .reconnect = {}};
  scenario.cluster->reconnect.policy = ReconnectPolicy::fixed;  // 1 s
  scenario.traffic = {{Direction::server_to_client, Periodic{100ms, 1s}, 20, Audience::all, 0}};
  return scenario;
}

// For each client that s2's crash reset, when it next opened a connection.
std::map<EndpointId, Nanoseconds> back_after_crash(const Lane& lane) {
  std::map<EndpointId, Nanoseconds> back;
  for (const WireFrame* reset : frames_of(lane, Layer::tcp, "rst")) {
    if (reset->sent_at >= kCrash && reset->sent_at < kCrash + 100ms &&
        lane.endpoints[reset->to].role == EndpointRole::client) {
      back[reset->to] = Nanoseconds::max();
    }
  }
  for (const Connection& connection : lane.connections) {
    const auto client = back.find(connection.from);
    if (client != back.end() && connection.opened_at > kCrash) {
      client->second = std::min(client->second, connection.opened_at);
    }
  }
  return back;
}

}  // namespace

TEST_CASE("cluster: pub/sub loses exactly what is published while s2's clients are away") {
  const Lane lane = run_one_lane(restart_scenario(Transport::websocket, BrokerKind::redis_pubsub));
  const std::map<EndpointId, Nanoseconds> away = back_after_crash(lane);
  REQUIRE(away.size() == 10);  // round robin gave s2 a quarter
  std::uint64_t lost = 0;
  for (const Message& message : lane.messages) {
    const auto client = away.find(message.client);
    const bool while_away = client != away.end() && message.created_at > kCrash + 1ms &&
                            message.created_at < client->second;
    // Each message created while its client was away is lost, and no other: none before the
    // crash (a millisecond's margin for what was on the wire), none after its new server read
    // its handshake (a SYN's round trip and the request's transit after it reconnected, 150
    // ms at 50 ms a hop).
    if (while_away) CHECK_FALSE(message.delivered_at.has_value());
    if (!message.delivered_at) {
      ++lost;
      REQUIRE(client != away.end());
      CHECK(message.created_at >= kCrash - 1ms);
      CHECK(message.created_at <= client->second + 150ms + 1ms);
    }
  }
  // About twelve broadcasts (1 s, and the handshake) for each of the ten.
  CHECK(lost >= 10 * 10);
  CHECK(lost <= 10 * 14);
  CHECK(compute_metrics(lane).lost == lost);
}

TEST_CASE("cluster: Redis Streams with resume points lose nothing across a restart") {
  for (const Transport transport : {Transport::websocket, Transport::long_poll, Transport::sse}) {
    const std::string name(to_string(transport));
    CAPTURE(name);
    const Lane lane = run_one_lane(restart_scenario(transport, BrokerKind::redis_streams));
    const LaneMetrics metrics = compute_metrics(lane);
    CHECK(metrics.lost == 0);
    CHECK(metrics.delivered == 40 * 190);
    REQUIRE(metrics.cluster.has_value());
    CHECK(metrics.cluster->published == 190);
    // The crashed server's clients read back what they missed from the stream.
    bool replayed = false;
    for (const WireFrame* read : frames_of(lane, Layer::resp, "XREAD")) {
      replayed = replayed || read->note.find("who came back") != std::string::npos;
    }
    CHECK(replayed);
  }
}

TEST_CASE("cluster: the streams' RESP bytes: XADD, its id, XREAD BLOCK and its entries") {
  const Lane lane = run_one_lane(restart_scenario(Transport::websocket, BrokerKind::redis_streams));
  const std::vector<const WireFrame*> adds = frames_of(lane, Layer::resp, "XADD");
  REQUIRE(adds.size() == 190);
  // The first broadcast, at 1 s, is publication 0 of 20 bytes.
  const std::string first(adds[0]->bytes.begin(), adds[0]->bytes.end());
  CHECK(first == "*5\r\n$4\r\nXADD\r\n$7\r\npushlab\r\n$1\r\n*\r\n$4\r\ndata\r\n$26\r\npub 0 " +
                     std::string(20, '.') + "\r\n");
  // Redis answers with the entry's id: the millisecond it arrived, then a sequence number.
  const std::vector<const WireFrame*> ids = frames_of(lane, Layer::resp, "bulk");
  REQUIRE_FALSE(ids.empty());
  CHECK(std::string(ids[0]->bytes.begin(), ids[0]->bytes.end()) == "$6\r\n1000-0\r\n");
  // Each server waits in XREAD BLOCK 0 from `$`, and is answered with the entry.
  const std::vector<const WireFrame*> reads = frames_of(lane, Layer::resp, "XREAD");
  REQUIRE_FALSE(reads.empty());
  CHECK(std::string(reads[0]->bytes.begin(), reads[0]->bytes.end()) ==
        "*6\r\n$5\r\nXREAD\r\n$5\r\nBLOCK\r\n$1\r\n0\r\n$7\r\nSTREAMS\r\n$7\r\npushlab\r\n$1\r\n$"
        "\r\n");
  const std::vector<const WireFrame*> entries = frames_of(lane, Layer::resp, "entries");
  REQUIRE_FALSE(entries.empty());
  CHECK(
      std::string(entries[0]->bytes.begin(), entries[0]->bytes.end()) ==
      "*1\r\n*2\r\n$7\r\npushlab\r\n*1\r\n*2\r\n$6\r\n1000-0\r\n*2\r\n$4\r\ndata\r\n$26\r\npub 0 " +
          std::string(20, '.') + "\r\n");
}

TEST_CASE("cluster: a message sent live and again from the stream is counted as a duplicate") {
  // A broadcast every millisecond around the restart. A returning client's new server pushes
  // to it live from its handshake on, and its XREAD for the client's resume point comes back
  // half a millisecond later with the entries up to then: those added between are sent twice.
  Scenario scenario = restart_scenario(Transport::websocket, BrokerKind::redis_streams);
  scenario.duration = 12s;
  scenario.traffic = {{Direction::server_to_client, Periodic{1ms, 9500ms}, 20, Audience::all, 0}};
  const Lane lane = run_one_lane(scenario);
  std::map<MessageId, int> arrivals;
  for (const WireFrame& frame : lane.frames) {
    if (lane.endpoints[frame.to].role != EndpointRole::client || frame.lost()) continue;
    for (const MessageId id : frame.messages) ++arrivals[id];
  }
  std::uint64_t again = 0;
  for (const auto& [id, count] : arrivals) again += static_cast<std::uint64_t>(count - 1);
  const LaneMetrics metrics = compute_metrics(lane);
  CHECK(metrics.lost == 0);
  CHECK(again > 0);
  CHECK(again < 10 * 5);  // a few for each of s2's ten clients
  CHECK(metrics.cluster->duplicates == again);
}
