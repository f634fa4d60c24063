// A cluster's servers under their limits (sim/cluster/server_resources.hpp): threads and the
// accept queue of thread-per-request, the file-descriptor limit, memory, and one CPU per server,
// checked by the figures each produces and by the host samples in the Trace.

#include <doctest/doctest.h>

#include <algorithm>

#include "sim/trace/metrics.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

// One server with `host`'s limits behind the balancer, no broker.
Cluster one_server(const ServerHost& host) {
  return {.servers = 1,
          .balancer = {},
          .server = host,
          .broker = {.kind = BrokerKind::none, .latency = 250us},
          .failures = {},
          .reconnect = {}};
}

// `clients` long-poll browsers on one server with `model`, each sent a message about once a
// minute: most polls are held their whole 30 s.
Scenario held_polls(ServerModelKind model, int clients, int accept_backlog) {
  Scenario scenario = basic_scenario(Transport::long_poll, 100s);
  scenario.clients = clients;
  ServerHost host;  // 200 threads, 10 KB a connection
  host.model = model;
  host.accept_backlog = accept_backlog;
  scenario.cluster = one_server(host);
  scenario.traffic.push_back(
      {Direction::server_to_client, Poisson{1.0 / 60}, 20, Audience::one, 0});
  return scenario;
}

const HostSample& busiest(const Lane& lane, EndpointId server) {
  const HostSample* most = nullptr;
  for (const HostSample& sample : lane.host_samples) {
    if (sample.endpoint == server && (!most || sample.threads_busy > most->threads_busy)) {
      most = &sample;
    }
  }
  REQUIRE(most != nullptr);
  return *most;
}

}  // namespace

TEST_CASE("limits: thread-per-request with 200 threads makes 800 held polls wait a hold time") {
  const Lane lane = run_one_lane(held_polls(ServerModelKind::thread_per_request, 1000, 1024));
  const LaneMetrics metrics = compute_metrics(lane, 100s);
  REQUIRE(metrics.cluster);
  const ServerMetrics& server = metrics.servers.front();
  CHECK(server.threads_busy_max == 200);
  CHECK(server.accept_queue_max == 800);  // every other client's first poll
  CHECK(server.refused == 0);
  CHECK(server.memory_max_bytes == 1000 * 10 * 1024);  // one connection per client
  // A message for a client whose poll waits is answered when a thread frees, once a held poll
  // has run its 30 s.
  CHECK(metrics.latency.p99 >= 30s);
  // The samples say the same as the figures.
  CHECK(busiest(lane, lane.endpoints.size() - 1).threads_busy == 200);
}

TEST_CASE("limits: an event loop holds every poll, so a message waits one transit") {
  const LaneMetrics metrics =
      compute_metrics(run_one_lane(held_polls(ServerModelKind::event_loop, 1000, 1024)), 100s);
  const ServerMetrics& server = metrics.servers.front();
  CHECK(server.threads_busy_max == 0);
  CHECK(server.accept_queue_max == 0);
  // 50 ms each way: the response's transit, or a re-poll's round trip behind it.
  CHECK(metrics.latency.p99 < 300ms);
}

TEST_CASE("limits: a full accept queue refuses with an RST, and the client polls again") {
  const Lane lane = run_one_lane(held_polls(ServerModelKind::thread_per_request, 1000, 511));
  const LaneMetrics metrics = compute_metrics(lane, 100s);
  const ServerMetrics& server = metrics.servers.front();
  CHECK(server.accept_queue_max == 511);
  CHECK(server.refused >= 1000 - 200 - 511);
  // The samples cover the traffic's 100 s; the run may go on a little to let clients stop.
  const auto refusals = std::count_if(lane.frames.begin(), lane.frames.end(), [](const auto& f) {
    return f.kind == "rst" && f.note.find("accept_backlog") != std::string::npos &&
           f.sent_at < 100s;
  });
  CHECK(static_cast<std::uint64_t>(refusals) == server.refused);
  CHECK(metrics.connections_opened > 1000);  // the refused came back
}

TEST_CASE("limits: past max_connections a connection is refused, and memory counts the rest") {
  Scenario scenario = held_polls(ServerModelKind::event_loop, 100, 511);
  scenario.cluster->server.max_connections = 60;
  scenario.duration = 5s;
  const Lane lane = run_one_lane(scenario);
  const LaneMetrics metrics = compute_metrics(lane, 5s);
  const ServerMetrics& server = metrics.servers.front();
  CHECK(server.memory_max_bytes == 60 * 10 * 1024);
  CHECK(server.refused >= 40);
  CHECK(std::any_of(lane.frames.begin(), lane.frames.end(), [](const WireFrame& frame) {
    return frame.kind == "rst" && frame.note.find("file descriptors") != std::string::npos;
  }));
}

TEST_CASE("limits: one CPU per server: a broadcast's fan-out takes the cost per message") {
  Scenario scenario = basic_scenario(Transport::websocket, 3s);
  scenario.clients = 400;
  ServerHost host;
  host.cpu_us_per_message = 1000;
  scenario.cluster = one_server(host);
  scenario.traffic.push_back({Direction::server_to_client, At{{1s}}, 20, Audience::all, 0});
  const Lane lane = run_one_lane(scenario);
  const LaneMetrics metrics = compute_metrics(lane, 3s);
  // 400 pushes at 1 ms each: the last leaves 400 ms after the first.
  CHECK(metrics.latency.max - metrics.latency.p50 >= 190ms);
  CHECK(metrics.latency.max >= 400ms);
  CHECK(metrics.latency.max < 500ms);
  // 400 ms of work in a 3 s run sampled in whole 100 ms intervals.
  CHECK(metrics.servers.front().cpu_utilisation == doctest::Approx(0.4 / 2.9).epsilon(0.01));
}

namespace {

// 400 WebSockets on four servers that each take 2 ms of CPU to accept a connection and queue
// at most 128 (each takes its first 100 at once); s1, s2 and s3 crash at 5 s and stay down,
// and their 300 clients come back to s4.
Scenario slow_accept_storm(ReconnectPolicy policy) {
  Scenario scenario = basic_scenario(Transport::websocket, 40s);
  scenario.clients = 400;
  ServerHost host;
  host.accept_backlog = 128;
  host.cpu_us_per_connection = 2000;
  scenario.cluster = one_server(host);
  scenario.cluster->servers = 4;
  scenario.cluster->balancer.policy = BalancerPolicy::least_connections;
  for (const int server : {1, 2, 3}) {
    scenario.cluster->failures.push_back(
        {.at = 5s, .server = server, .kind = FailureKind::crash, .restart_after = {}});
  }
  scenario.cluster->reconnect.policy = policy;
  return scenario;
}

// The clients' connections opened after the crash, by when.
std::vector<Nanoseconds> attempts_after_crash(const Lane& lane) {
  std::vector<Nanoseconds> attempts;
  for (const Connection& connection : lane.connections) {
    if (lane.endpoints[connection.from].role == EndpointRole::client && connection.opened_at > 5s) {
      attempts.push_back(connection.opened_at);
    }
  }
  std::sort(attempts.begin(), attempts.end());
  return attempts;
}

std::size_t attempts_between(const std::vector<Nanoseconds>& attempts, Nanoseconds from,
                             Nanoseconds to) {
  return static_cast<std::size_t>(std::count_if(
      attempts.begin(), attempts.end(), [&](Nanoseconds at) { return at >= from && at < to; }));
}

}  // namespace

TEST_CASE("limits: a slow accept makes exponential backoff come back in waves; jitter does not") {
  const Lane waves = run_one_lane(slow_accept_storm(ReconnectPolicy::exponential));
  const std::vector<Nanoseconds> attempts = attempts_after_crash(waves);
  // The 300 reset at 5 s all wait 1 s; the refused of each wave 2 s more, then 4 s. s4 queues
  // 128 of each wave, which arrives at once, and refuses the rest: 172, then 44 of those.
  const std::size_t first = attempts_between(attempts, 6s, 6500ms);
  const std::size_t second = attempts_between(attempts, 8s, 8500ms);
  const std::size_t third = attempts_between(attempts, 12s, 12500ms);
  CHECK(first == 300);
  CHECK(second == 300 - 128);
  CHECK(third == second - 128);
  CHECK(attempts.size() == first + second + third);
  const LaneMetrics metrics = compute_metrics(waves, 40s);
  CHECK(metrics.servers[3].accept_queue_max == 128);
  CHECK(metrics.servers[3].refused == second + third);  // each refused attempt came back once

  // Full jitter spreads the 300 over a second, one every 3 ms or so: s4's CPU keeps up.
  const std::vector<Nanoseconds> jittered =
      attempts_after_crash(run_one_lane(slow_accept_storm(ReconnectPolicy::full_jitter)));
  CHECK(jittered.size() >= 300);
  CHECK(jittered.size() < 310);
  CHECK(jittered.size() < attempts.size());
}
