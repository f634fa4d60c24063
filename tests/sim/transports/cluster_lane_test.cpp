// A lane with a cluster: the balancer, several servers, the bus between them, failures and
// reconnect storms, checked by the figures each produces.

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include <numeric>
#include "sim/wire/resp/decoder.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

// `clients` browsers of one transport on four servers behind a round-robin balancer, a
// broadcast every second from 1 s on.
Scenario cluster_scenario(Transport transport, int clients, BrokerKind broker,
                          Nanoseconds duration = 10s) {
  Scenario scenario = basic_scenario(transport, duration);
  scenario.clients = clients;
  scenario.cluster = Cluster{.servers = 4,
                             .balancer = {},
                             .server = {},
                             .broker = {.kind = broker, .latency = 250us},
                             .failures = {},
                             .reconnect = {}};
  scenario.traffic.push_back({Direction::server_to_client, Periodic{1s, 1s}, 20, Audience::all, 0});
  return scenario;
}

// Messages each client received.
std::vector<int> received_by_client(const Lane& lane, int clients) {
  std::vector<int> received(static_cast<std::size_t>(clients), 0);
  for (const Message& message : lane.messages) {
    if (message.delivered_at) ++received[message.client];
  }
  return received;
}

// When each client opened a connection after its first.
std::vector<Nanoseconds> reconnect_times(const Lane& lane) {
  std::set<EndpointId> seen;
  std::vector<Nanoseconds> times;
  for (const Connection& connection : lane.connections) {
    if (lane.endpoints[connection.from].role != EndpointRole::client) continue;
    if (!seen.insert(connection.from).second) times.push_back(connection.opened_at);
  }
  std::sort(times.begin(), times.end());
  return times;
}

// The client a request's target names ("GET /lp?client=3&received=0 HTTP/1.1": "3").
std::string client_named(std::string_view request) {
  const std::size_t at = request.find("client=") + 7;
  return std::string(request.substr(at, request.find_first_of("& ", at) - at));
}

double seconds(Nanoseconds duration) {
  return std::chrono::duration<double>(duration).count();
}

// The most of `times` in any window of `width`.
std::size_t peak_in_window(const std::vector<Nanoseconds>& times, Nanoseconds width) {
  std::size_t peak = 0;
  for (std::size_t i = 0, j = 0; i < times.size(); ++i) {
    while (times[i] - times[j] >= width) ++j;
    peak = std::max(peak, i - j + 1);
  }
  return peak;
}

}  // namespace

TEST_CASE("cluster: the lane has a balancer, s1 to s4 and Redis, in that order after the clients") {
  const Lane lane =
      run_one_lane(cluster_scenario(Transport::websocket, 8, BrokerKind::redis_pubsub, 3s));
  std::vector<std::string> names;
  for (const Endpoint& endpoint : lane.endpoints) names.push_back(endpoint.name);
  CHECK(names == std::vector<std::string>{"client 1", "client 2", "client 3", "client 4",
                                          "client 5", "client 6", "client 7", "client 8",
                                          "balancer", "s1", "s2", "s3", "s4", "redis"});
  CHECK(lane.endpoints[8].role == EndpointRole::load_balancer);
  CHECK(lane.endpoints[13].role == EndpointRole::broker);
}

TEST_CASE("cluster: without a broker each client gets only its own server's share of a broadcast") {
  for (const Transport transport : {Transport::websocket, Transport::sse}) {
    CAPTURE(to_string(transport));
    const int clients = 40;
    const Lane none = run_one_lane(cluster_scenario(transport, clients, BrokerKind::none));
    const std::vector<int> received = received_by_client(none, clients);
    // Nine broadcasts, each published at one random sender's server: a client receives the
    // ones published on its own server, about a quarter.
    const int total = std::accumulate(received.begin(), received.end(), 0);
    CHECK(total > 9 * clients / 8);
    CHECK(total < 9 * clients * 3 / 8);
    CHECK(compute_metrics(none).lost == static_cast<std::uint64_t>(9 * clients - total));
    // With Redis pub/sub, every client gets every one.
    const Lane redis = run_one_lane(cluster_scenario(transport, clients, BrokerKind::redis_pubsub));
    for (const int count : received_by_client(redis, clients)) CHECK(count == 9);
  }
}

TEST_CASE(
    "cluster: Redis pub/sub carries real RESP: SUBSCRIBE, PUBLISH once, a message per server") {
  const Lane lane =
      run_one_lane(cluster_scenario(Transport::websocket, 8, BrokerKind::redis_pubsub, 3s));
  const auto subscribes = frames_of(lane, Layer::resp, "SUBSCRIBE");
  const auto publishes = frames_of(lane, Layer::resp, "PUBLISH");
  const auto pushes = frames_of(lane, Layer::resp, "message");
  CHECK(subscribes.size() == 4);
  CHECK(publishes.size() == 2);   // broadcasts at 1 s and 2 s
  CHECK(pushes.size() == 2 * 4);  // each to the four subscribed servers
  CHECK(wire::as_text(subscribes[0]->bytes) == "*2\r\n$9\r\nSUBSCRIBE\r\n$7\r\npushlab\r\n");
  wire::resp::Decoder decoder;
  decoder.feed(publishes[0]->bytes);
  const auto publish = decoder.next();
  REQUIRE(publish.has_value());
  REQUIRE(publish->value.elements.size() == 3);
  CHECK(publish->value.elements[0].text == "PUBLISH");
  CHECK(publish->value.elements[2].text.starts_with("pub 0 "));
  CHECK(publish->size == publishes[0]->bytes.size());
  for (const WireFrame* push : pushes) {
    CHECK(wire::as_text(push->bytes).starts_with("*3\r\n$7\r\nmessage\r\n$7\r\npushlab\r\n"));
    CHECK(lane.endpoints[push->from].role == EndpointRole::broker);
  }
}

TEST_CASE("cluster: round robin spreads WebSocket connections evenly over the servers") {
  const Lane lane =
      run_one_lane(cluster_scenario(Transport::websocket, 40, BrokerKind::redis_pubsub, 3s));
  const LaneMetrics metrics = compute_metrics(lane);
  REQUIRE(metrics.servers.size() == 4);
  for (const ServerMetrics& server : metrics.servers)
    CHECK(server.peak_connections == 10);  // the broker links are the server's own
}

TEST_CASE("cluster: sticky cookie: the balancer's Set-Cookie, and later polls that name s-N") {
  Scenario scenario = cluster_scenario(Transport::long_poll, 4, BrokerKind::none, 6s);
  scenario.cluster->balancer.sticky = Stickiness::cookie;
  const Lane lane = run_one_lane(scenario);
  int cookies_set = 0;
  int requests_with_cookie = 0;
  // Which servers each client's polls reached, by the client its request names.
  std::map<std::string, std::set<EndpointId>> servers_of_client;
  for (const WireFrame& frame : lane.frames) {
    if (frame.layer != Layer::http) continue;
    const std::string_view text = wire::as_text(frame.bytes);
    if (text.find("\r\nSet-Cookie: pushlab_node=s") != std::string_view::npos) ++cookies_set;
    if (frame.kind != "request") continue;
    if (text.find("\r\nCookie: pushlab_node=s") != std::string_view::npos) ++requests_with_cookie;
    if (lane.endpoints[frame.from].role == EndpointRole::load_balancer) {
      servers_of_client[client_named(text)].insert(frame.to);
    }
  }
  CHECK(cookies_set == 4);              // each client's first response, added at the balancer
  CHECK(requests_with_cookie > 2 * 4);  // every later poll, on both hops
  CHECK(servers_of_client.size() == 4);
  for (const auto& [client, servers] : servers_of_client) CHECK(servers.size() == 1);
  // Without stickiness round robin sends a client's polls to every server in turn.
  scenario.cluster->balancer.sticky = Stickiness::none;
  std::set<EndpointId> first_clients_servers;
  for (const WireFrame& frame : run_one_lane(scenario).frames) {
    const std::string_view text = wire::as_text(frame.bytes);
    if (frame.layer == Layer::http && frame.kind == "request" && client_named(text) == "1" &&
        frame.to > 4) {
      first_clients_servers.insert(frame.to);
    }
  }
  CHECK(first_clients_servers.size() > 1);
}

TEST_CASE("cluster: an idle WebSocket closes at the balancer's 60 s; one pinged every 30 s lives") {
  Scenario scenario = cluster_scenario(Transport::websocket, 1, BrokerKind::redis_pubsub, 90s);
  scenario.traffic.clear();
  const Lane idle = run_one_lane(scenario);
  const auto closes = frames_of(idle, Layer::tcp, "fin");
  REQUIRE_FALSE(closes.empty());
  CHECK(closes.front()->note.find("the balancer closes a connection idle for 60 s") !=
        std::string::npos);
  CHECK(closes.front()->sent_at >= 60s);
  CHECK(closes.front()->sent_at < 61s);
  scenario.websocket.ping_interval = 30s;
  const Lane pinged = run_one_lane(scenario);
  for (const WireFrame* fin : frames_of(pinged, Layer::tcp, "fin")) {
    CHECK(fin->note.find("idle for 60 s") == std::string::npos);
  }
  CHECK(reconnect_times(pinged).empty());
}

TEST_CASE("cluster: a crash and its reconnect storm, immediate against full jitter") {
  auto storm = [](ReconnectPolicy policy) {
    Scenario scenario = cluster_scenario(Transport::websocket, 400, BrokerKind::redis_pubsub, 20s);
    scenario.traffic.clear();
    scenario.cluster->failures = {
        {.at = 10s, .server = 2, .kind = FailureKind::crash, .restart_after = 5s}};
    scenario.cluster->reconnect.policy = policy;
    const Lane lane = run_one_lane(scenario);
    // The lane's figures count the same reconnects as the connections show.
    const LaneMetrics metrics = compute_metrics(lane, scenario.duration);
    REQUIRE(metrics.cluster.has_value());
    CHECK(metrics.cluster->reconnects == reconnect_times(lane).size());
    CHECK(metrics.cluster->reconnects_peak_100ms == peak_in_window(reconnect_times(lane), 100ms));
    // s2 came back empty at 15 s; round robin sends it only new connections: none.
    CHECK(metrics.servers[1].open_at_end == 0);
    CHECK(metrics.cluster->imbalance == doctest::Approx(4.0 / 3.0).epsilon(0.01));
    // With no traffic to catch up on, recovery ends with the last client back.
    CHECK(metrics.cluster->recovery_s ==
          doctest::Approx(seconds(reconnect_times(lane).back() - 10s)));
    return reconnect_times(lane);
  };
  // s2's hundred clients are reset at once and come back.
  const std::vector<Nanoseconds> immediate = storm(ReconnectPolicy::immediate);
  CHECK(immediate.size() == 100);
  CHECK(peak_in_window(immediate, 100ms) == 100);
  // Full jitter (base 1 s) spreads the first attempts over a second: no 100 ms window holds
  // much more than a tenth of them.
  const std::vector<Nanoseconds> jittered = storm(ReconnectPolicy::full_jitter);
  CHECK(jittered.size() == 100);
  CHECK(peak_in_window(jittered, 100ms) <= 20);
  CHECK(jittered.front() >= 10s);
  CHECK(jittered.back() < 11s + 200ms);
}

TEST_CASE(
    "cluster: SSE browsers come back together after the stream's retry, unless told to jitter") {
  auto storm = [](bool follows_policy) {
    Scenario scenario = cluster_scenario(Transport::sse, 400, BrokerKind::redis_pubsub, 20s);
    scenario.traffic.clear();
    scenario.sse.retry = 2s;
    scenario.cluster->failures = {
        {.at = 10s, .server = 2, .kind = FailureKind::crash, .restart_after = {}}};
    scenario.cluster->reconnect.sse_follows_policy = follows_policy;  // full jitter, base 1 s
    return reconnect_times(run_one_lane(scenario));
  };
  // Every EventSource waits the 2 s its stream announced: s2's hundred, in one instant.
  const std::vector<Nanoseconds> browsers = storm(false);
  REQUIRE(browsers.size() == 100);
  CHECK(browsers.front() >= 12s);
  CHECK(peak_in_window(browsers, 100ms) == 100);
  // Reopened by the page after the policy's wait, they spread over the first second.
  const std::vector<Nanoseconds> jittered = storm(true);
  REQUIRE(jittered.size() == 100);
  CHECK(peak_in_window(jittered, 100ms) <= 25);
  CHECK(jittered.front() < 10s + 200ms);
  CHECK(jittered.back() < 11s + 200ms);
}

TEST_CASE("cluster: pub/sub loses what is published while a crashed server's clients are away") {
  Scenario scenario = cluster_scenario(Transport::websocket, 40, BrokerKind::redis_pubsub, 20s);
  scenario.traffic = {{Direction::server_to_client, Periodic{100ms, 100ms}, 20, Audience::all, 0}};
  scenario.cluster->failures = {
      {.at = 10s, .server = 2, .kind = FailureKind::crash, .restart_after = 5s}};
  scenario.cluster->reconnect.policy = ReconnectPolicy::fixed;  // 1 s
  const Lane lane = run_one_lane(scenario);
  const std::vector<int> received = received_by_client(lane, 40);
  // 199 broadcasts, the first at 0.1 s, before any connection is open: nobody holds the
  // clients yet, so every client misses it. s2's ten clients also miss those of the time
  // between the crash and their new connection (a reset, 1 s, a handshake): a dozen or so.
  int short_clients = 0;
  for (const int count : received) {
    if (count == 198) continue;
    ++short_clients;
    CHECK(count >= 198 - 16);
    CHECK(count <= 198 - 8);
  }
  CHECK(short_clients == 10);
  const int delivered = std::accumulate(received.begin(), received.end(), 0);
  const LaneMetrics metrics = compute_metrics(lane);
  CHECK(metrics.lost == static_cast<std::uint64_t>(40 * 199 - delivered));
  // Recovered when the last of s2's clients is back (about 11 s: a reset, 1 s, a handshake)
  // and the broadcast before it has arrived, a few milliseconds later.
  const double back = seconds(reconnect_times(lane).back() - 10s);
  CHECK(metrics.cluster->recovery_s >= back);
  CHECK(metrics.cluster->recovery_s < back + 0.1);
  CHECK(metrics.cluster->recovery_s > 1.0);
}

TEST_CASE("cluster: the same seed gives the same Trace, byte for byte") {
  Scenario scenario = cluster_scenario(Transport::long_poll, 12, BrokerKind::redis_pubsub, 15s);
  scenario.cluster->failures = {
      {.at = 5s, .server = 1, .kind = FailureKind::crash, .restart_after = 2s}};
  scenario.cluster->balancer.policy = BalancerPolicy::random;
  const Lane first = run_one_lane(scenario);
  CHECK(first == run_one_lane(scenario));
  CHECK_FALSE(frames_of(first, Layer::resp, "message").empty());
}

TEST_CASE("cluster: a drain closes its WebSockets with 1001, each echoed, and they reconnect") {
  Scenario scenario = cluster_scenario(Transport::websocket, 40, BrokerKind::redis_pubsub, 15s);
  scenario.cluster->failures = {
      {.at = 5s, .server = 2, .kind = FailureKind::drain, .restart_after = {}}};
  const Lane lane = run_one_lane(scenario);
  const EndpointId s2 = lane.endpoints.size() - 4;  // s1..s4, then redis
  REQUIRE(lane.endpoints[s2].name == "s2");
  int going_away = 0;
  int echoed = 0;
  for (const WireFrame& frame : lane.frames) {
    // The server's close frame is unmasked: its payload is the code, 0x03e9.
    if (frame.kind != "close" || frame.sent_at < 5s) continue;
    if (frame.from == s2 && frame.bytes == wire::Bytes{0x88, 0x02, 0x03, 0xe9}) ++going_away;
    if (frame.to == s2 && frame.note.starts_with("close 1001") && !frame.lost()) ++echoed;
  }
  // Round robin gave s2 a quarter of the 40.
  CHECK(going_away == 10);
  CHECK(echoed == 10);
  const LaneMetrics metrics = compute_metrics(lane, scenario.duration);
  CHECK(metrics.cluster->reconnects == 10);
  CHECK(metrics.servers[1].open_at_end == 0);
  CHECK(std::none_of(lane.frames.begin(), lane.frames.end(),
                     [](const WireFrame& frame) { return frame.kind == "rst"; }));
}

TEST_CASE("cluster: a partitioned server's WebSockets are found dead by the missing pings only") {
  auto partitioned = [](Nanoseconds ping_interval) {
    Scenario scenario = cluster_scenario(Transport::websocket, 40, BrokerKind::redis_pubsub, 60s);
    scenario.websocket.ping_interval = ping_interval;
    scenario.cluster->failures = {
        {.at = 5s, .server = 2, .kind = FailureKind::partition, .restart_after = {}}};
    return run_one_lane(scenario);
  };
  // Pinged every 10 s from the handshake: s2's clients had no ping yet when it was cut off at
  // 5 s, so each gives up 10 s + 20 s after its handshake, and reconnects.
  const Lane pinged = partitioned(10s);
  const std::vector<Nanoseconds> found = reconnect_times(pinged);
  REQUIRE(found.size() == 10);
  CHECK(found.front() >= 30s);
  CHECK(found.back() < 32s);
  // The Trace says when s2 was cut off, and recovery counts from then.
  REQUIRE(pinged.host_events.size() == 1);
  CHECK(pinged.host_events[0].kind == HostEventKind::partition);
  CHECK(pinged.host_events[0].at == 5s);
  CHECK(compute_metrics(pinged, 60s).cluster->recovery_s >= seconds(found.back() - 5s));
  // Without pings nothing tells them while the traffic runs: TCP stays silent, and they wait
  // (until the balancer's idle timeout, after the run's 60 s).
  const std::vector<Nanoseconds> unpinged = reconnect_times(partitioned(0s));
  CHECK(std::none_of(unpinged.begin(), unpinged.end(), [](Nanoseconds at) { return at < 60s; }));
}
