#include "sim/trace/metrics.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <vector>

using namespace pushlab::sim;
using namespace std::chrono_literals;

namespace {

// A client (0) and a server (1) joined by connection 0, opened at 0 and never closed.
Lane client_and_server(Transport transport) {
  Lane lane{.transport = transport};
  lane.endpoints = {{EndpointRole::client, "client 1"}, {EndpointRole::server, "server"}};
  lane.connections = {{.from = 0, .to = 1, .opened_at = 0ns}};
  return lane;
}

WireFrame exact(Layer layer, std::string kind, std::size_t size, bool to_client) {
  return {.from = to_client ? 1u : 0u,
          .to = to_client ? 0u : 1u,
          .layer = layer,
          .kind = std::move(kind),
          .bytes = wire::Bytes(size, 'x')};
}

WireFrame modelled(Layer layer, std::string kind, std::uint64_t size, std::uint64_t overhead) {
  return {.layer = layer,
          .kind = std::move(kind),
          .modelled_size = size,
          .transport_overhead = overhead};
}

Message delivered(Nanoseconds created, Nanoseconds latency, std::uint64_t payload = 0) {
  return {.payload_bytes = payload, .created_at = created, .delivered_at = created + latency};
}

}  // namespace

TEST_CASE("latency: mean and nearest-rank percentiles over delivered messages") {
  // 20 delivered messages with latencies 1..20 ms, and one never delivered.
  //   mean = (1 + ... + 20) / 20 = 210 / 20 = 10.5 ms
  //   p50: rank ceil(0.50 * 20) = 10 -> 10 ms
  //   p95: rank ceil(0.95 * 20) = 19 -> 19 ms
  //   p99: rank ceil(0.99 * 20) = ceil(19.8) = 20 -> 20 ms
  //   max = 20 ms
  Lane lane = client_and_server(Transport::websocket);
  for (int i = 20; i >= 1; --i) {  // out of order: the summary sorts
    lane.messages.push_back(delivered(std::chrono::milliseconds{i}, std::chrono::milliseconds{i}));
  }
  lane.messages.push_back({.created_at = 5ms});
  const LaneMetrics metrics = compute_metrics(lane);
  CHECK(metrics.delivered == 20);
  CHECK(metrics.lost == 1);
  CHECK(metrics.latency ==
        LatencySummary{.mean = 10500us, .p50 = 10ms, .p95 = 19ms, .p99 = 20ms, .max = 20ms});
}

TEST_CASE("percentile takes the value at rank ceil(p / 100 * n), counted from 1") {
  std::vector<Nanoseconds> hundred;
  for (int i = 1; i <= 100; ++i) hundred.push_back(Nanoseconds{i});
  CHECK(percentile(hundred, 7) == 7ns);  // 0.07 * 100 in doubles is 7.000000000000001
  CHECK(percentile(hundred, 99) == 99ns);
  CHECK(percentile(hundred, 100) == 100ns);
  CHECK(percentile(hundred, 0.5) == 1ns);  // rank ceil(0.5) = 1
  const std::vector<Nanoseconds> one = {42ns};
  CHECK(percentile(one, 50) == 42ns);
  CHECK(percentile({}, 50) == 0ns);
  // 3 values: p50 has rank ceil(1.5) = 2, p95 rank ceil(2.85) = 3.
  CHECK(percentile({1ns, 2ns, 3ns}, 50) == 2ns);
  CHECK(percentile({1ns, 2ns, 3ns}, 95) == 3ns);
}

TEST_CASE("bytes: payload, app, setup and ip, modelled frames and overhead count only in ip") {
  Lane lane = client_and_server(Transport::websocket);
  lane.frames = {
      modelled(Layer::tcp, "syn", 0, 40),             // ip 40
      modelled(Layer::tcp, "syn-ack", 0, 40),         // ip 40
      modelled(Layer::tls, "client-hello", 517, 40),  // ip 557
      exact(Layer::http, "request", 100, false),      // app 100, setup 100, ip 100 + 40
      exact(Layer::http, "response", 80, true),       // app 80, setup 80, ip 80 + 40
      exact(Layer::websocket, "text", 12, true),      // app 12, ip 12 + 40, carries message 0
      exact(Layer::websocket, "text", 12, true),      // app 12, ip 12 + 40, carries message 1
      modelled(Layer::tcp, "ack", 0, 40),             // ip 40
  };
  for (std::size_t i = 3; i <= 6; ++i) lane.frames[i].transport_overhead = 40;
  lane.frames[3].setup = lane.frames[4].setup = true;  // the upgrade request and its 101
  lane.frames[5].messages = {0};
  lane.frames[6].messages = {1};
  lane.messages = {delivered(0ns, 1ms, 10), delivered(0ns, 1ms, 10), {.payload_bytes = 99}};
  const LaneMetrics metrics = compute_metrics(lane);
  // payload: the two delivered messages, 10 + 10; the lost one's 99 does not count.
  // app: 100 + 80 + 12 + 12 = 204, of which setup 100 + 80 = 180.
  // ip: 40 + 40 + 557 + 140 + 120 + 52 + 52 + 40 = 1041.
  CHECK(metrics.bytes == ByteCounts{.payload = 20, .app = 204, .setup = 180, .ip = 1041});
  // (app - setup - payload) / delivered = (204 - 180 - 20) / 2 = 2 bytes of framing each.
  CHECK(metrics.overhead_bytes_per_message == doctest::Approx(2.0));
  CHECK(metrics.http_requests == 1);
  CHECK(metrics.empty_responses == 0);  // the 101 is setup, not a poll that came back empty
  CHECK(metrics.connections_opened == 1);
  CHECK(metrics.peak_server_connections == 1);
  CHECK(metrics.delivered == 2);
  CHECK(metrics.lost == 1);
}

TEST_CASE("empty responses: whole responses that could have carried a message and did not") {
  // Short polling: three polls; the first two come back empty, the second one lost on the way
  // (it was still sent), the third carries message 0.
  Lane polls = client_and_server(Transport::short_poll);
  for (int poll = 0; poll < 3; ++poll) {
    polls.frames.push_back(exact(Layer::http, "request", 50, false));
    polls.frames.push_back(exact(Layer::http, "response", 40, true));
  }
  polls.frames[5].messages = {0};
  polls.messages = {delivered(0ns, 1ms, 5)};
  const LaneMetrics metrics = compute_metrics(polls);
  CHECK(metrics.http_requests == 3);
  CHECK(metrics.empty_responses == 2);
  // app 3 * (50 + 40) = 270, no setup; (270 - 0 - 5) / 1 delivered = 265.
  CHECK(metrics.bytes.app == 270);
  CHECK(metrics.overhead_bytes_per_message == doctest::Approx(265.0));

  // SSE: the response head opens the stream and carries no message itself; the events do.
  Lane stream = client_and_server(Transport::sse);
  stream.frames = {exact(Layer::http, "request", 50, false),
                   exact(Layer::http, "response-head", 60, true),
                   exact(Layer::sse, "event", 20, true)};
  stream.frames[2].messages = {0};
  stream.messages = {delivered(0ns, 1ms, 5)};
  CHECK(compute_metrics(stream).empty_responses == 0);
  CHECK(compute_metrics(stream).http_requests == 1);
}

TEST_CASE("connections: those the clients opened count, the peak only those that reach a server") {
  // Two clients (0, 1) behind a proxy (2) in front of the server (3), times in ms:
  //   c0  client 0 -> proxy   0..10   not at the server
  //   c1  proxy -> server     1..10
  //   c2  client 1 -> proxy   2..     not at the server
  //   c3  proxy -> server     3..5
  //   c4  proxy -> server     5..     opens as c3 closes: they do not overlap
  //   c5  proxy -> server     10..    opens as c1 closes
  // Open at the server: 1 from 1 ms, 2 from 3 ms, still 2 at 5 ms (c3 out, c4 in), 2 from 10 ms
  // (c1 out, c5 in). Peak 2; counting the client hops or the touching instants would give more.
  // Opened: the clients opened c0 and c2; the proxy's own connections are not the clients'.
  Lane lane{.transport = Transport::long_poll};
  lane.endpoints = {{EndpointRole::client, "client 1"},
                    {EndpointRole::client, "client 2"},
                    {EndpointRole::proxy, "proxy"},
                    {EndpointRole::server, "server"}};
  lane.connections = {{.from = 0, .to = 2, .opened_at = 0ms, .closed_at = 10ms},
                      {.from = 2, .to = 3, .opened_at = 1ms, .closed_at = 10ms},
                      {.from = 1, .to = 2, .opened_at = 2ms},
                      {.from = 2, .to = 3, .opened_at = 3ms, .closed_at = 5ms},
                      {.from = 2, .to = 3, .opened_at = 5ms},
                      {.from = 2, .to = 3, .opened_at = 10ms}};
  const LaneMetrics metrics = compute_metrics(lane);
  CHECK(metrics.connections_opened == 2);
  CHECK(metrics.peak_server_connections == 2);
}

TEST_CASE("an empty lane gives zeros, and no division by zero") {
  const LaneMetrics metrics = compute_metrics(Lane{.transport = Transport::sse});
  CHECK(metrics == LaneMetrics{.transport = Transport::sse});
  CHECK(metrics.overhead_bytes_per_message == 0);
}

TEST_CASE("servers: each one's connections, peak and bytes, from its own links") {
  // Two clients (0, 1) and two servers (2, 3), times in ms:
  //   c0  client 1 -> server A   0..10
  //   c1  client 2 -> server B   1..5
  //   c2  client 2 -> server B   4..6    overlaps c1: B's peak is 2, the lane's 3 (at 4 ms)
  Lane lane{.transport = Transport::websocket};
  lane.endpoints = {{EndpointRole::client, "client 1"},
                    {EndpointRole::client, "client 2"},
                    {EndpointRole::server, "server A"},
                    {EndpointRole::server, "server B"}};
  lane.connections = {{.from = 0, .to = 2, .opened_at = 0ms, .closed_at = 10ms},
                      {.from = 1, .to = 3, .opened_at = 1ms, .closed_at = 5ms},
                      {.from = 1, .to = 3, .opened_at = 4ms, .closed_at = 6ms}};
  const auto frame = [](EndpointId from, EndpointId to, std::size_t size, bool lost) {
    WireFrame sent{.from = from,
                   .to = to,
                   .layer = Layer::websocket,
                   .kind = "text",
                   .bytes = wire::Bytes(size, 'x'),
                   .transport_overhead = 40};
    if (!lost) sent.received_at = 1ms;
    return sent;
  };
  lane.frames = {frame(0, 2, 100, false), frame(2, 0, 50, false), frame(1, 3, 30, true),
                 frame(3, 1, 20, false)};
  const LaneMetrics metrics = compute_metrics(lane);
  CHECK(metrics.peak_server_connections == 3);
  REQUIRE(metrics.servers.size() == 2);
  // A: 140 in, 90 out. B: the 70 sent to it never arrived; 60 out.
  CHECK(metrics.servers[0] == ServerMetrics{.name = "server A",
                                            .connections = 1,
                                            .peak_connections = 1,
                                            .bytes_in = 140,
                                            .bytes_out = 90});
  CHECK(metrics.servers[1] == ServerMetrics{.name = "server B",
                                            .connections = 2,
                                            .peak_connections = 2,
                                            .bytes_in = 0,
                                            .bytes_out = 60});
  // The client hops carried all of it, the lost frame too, as before.
  CHECK(metrics.bytes.ip == 140 + 90 + 70 + 60);
}

TEST_CASE(
    "cluster: a message that reaches its client a second time is a duplicate; host samples "
    "give the servers' highest gauges and their CPU share") {
  // A client (0), the balancer (1) and two servers (2, 3).
  Lane lane{.transport = Transport::long_poll};
  lane.endpoints = {{EndpointRole::client, "client 1"},
                    {EndpointRole::load_balancer, "balancer"},
                    {EndpointRole::server, "s1"},
                    {EndpointRole::server, "s2"}};
  lane.messages = {delivered(0ms, 1ms), delivered(0ms, 1ms)};
  const auto to_client = [](std::vector<MessageId> messages, bool lost) {
    WireFrame frame{.from = 1, .to = 0, .layer = Layer::http, .kind = "response"};
    frame.messages = std::move(messages);
    if (!lost) frame.received_at = 1ms;
    return frame;
  };
  // Message 0 arrives from s1's mailbox and again from s2's; message 1 once, after a lost copy.
  lane.frames = {to_client({0}, false), to_client({1}, true), to_client({0, 1}, false)};
  lane.host_samples = {
      {.endpoint = 2, .at = 0ms, .threads_busy = 3, .memory_bytes = 100, .cpu_busy = 10ms},
      {.endpoint = 2, .at = 100ms, .threads_busy = 5, .accept_queue = 2, .refused = 1},
      {.endpoint = 2, .at = 200ms, .threads_busy = 4, .memory_bytes = 300, .refused = 2},
      {.endpoint = 1, .at = 0ms, .connects = 7}};
  const LaneMetrics metrics = compute_metrics(lane);
  REQUIRE(metrics.cluster);
  CHECK(metrics.cluster->duplicates == 1);
  const ServerMetrics& s1 = metrics.servers[0];
  CHECK(s1.threads_busy_max == 5);
  CHECK(s1.accept_queue_max == 2);
  CHECK(s1.refused == 3);
  CHECK(s1.memory_max_bytes == 300);
  CHECK(s1.cpu_utilisation == doctest::Approx(10.0 / 300.0));  // 10 ms in three 100 ms samples
  CHECK(metrics.servers[1].cpu_utilisation == 0);              // no samples: no share
}
