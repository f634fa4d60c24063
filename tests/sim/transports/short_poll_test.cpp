#include <doctest/doctest.h>

#include <memory>

#include "sim/net/socket.hpp"
#include "sim/wire/bytes.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

TEST_CASE("short polling: a message waits for the next poll, then one transit") {
  // Polls leave at 0, 1, 2, ... s; a request reaches the server 50 ms later. A message created
  // at 1.3 s is taken by the poll that arrives at 2.05 s and reaches the client at 2.1 s.
  Scenario scenario = basic_scenario(Transport::short_poll, 5s);
  add_at(scenario, Direction::server_to_client, {1300ms});
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() == 1);
  REQUIRE(lane.messages[0].delivered_at.has_value());
  // The first poll also pays the TCP handshake, later ones reuse the connection (keep-alive).
  CHECK(*lane.messages[0].delivered_at == 2100ms);
}

TEST_CASE("short polling: empty polls are answered 204, a poll with messages carries them") {
  Scenario scenario = basic_scenario(Transport::short_poll, 4s);
  add_at(scenario, Direction::server_to_client, {1300ms, 1400ms});
  const Lane lane = run_one_lane(scenario);
  const auto responses = frames_of(lane, Layer::http, "response");
  int empty = 0;
  int with_messages = 0;
  for (const WireFrame* response : responses) {
    const std::string_view text = pushlab::sim::wire::as_text(response->bytes);
    if (response->messages.empty()) {
      ++empty;
      CHECK(text.starts_with("HTTP/1.1 204 No Content\r\n"));
    } else {
      ++with_messages;
      CHECK(text.starts_with("HTTP/1.1 200 OK\r\n"));
      CHECK(response->messages.size() == 2);
    }
  }
  CHECK(with_messages == 1);
  CHECK(empty >= 3);
  const auto requests = frames_of(lane, Layer::http, "request");
  REQUIRE_FALSE(requests.empty());
  CHECK(pushlab::sim::wire::as_text(requests[0]->bytes)
            .starts_with("GET /poll?client=1 HTTP/1.1\r\nHost: "));
  // One keep-alive connection serves every poll.
  CHECK(lane.connections.size() == 1);
}

TEST_CASE("short polling: latency averages about half the interval plus one transit") {
  Scenario scenario = basic_scenario(Transport::short_poll, 120s);
  scenario.traffic.push_back({Direction::server_to_client, Poisson{2.0}, 32});
  const LaneMetrics metrics = compute_metrics(run_one_lane(scenario));
  CHECK(metrics.delivered > 150);
  CHECK(metrics.lost == 0);
  // interval 1 s: expected mean 500 ms + 50 ms; allow for the randomness of ~240 messages.
  CHECK(ms(metrics.latency.mean) == doctest::Approx(550).epsilon(0.1));
  CHECK(ms(metrics.latency.max) <= 1000 + 50 + 1);
}

TEST_CASE("the HTTP server answers 400 to a request that names no client of the run") {
  // A stray page that asks for client 9 of a one-client run, beside the real client.
  Scenario scenario = basic_scenario(Transport::short_poll, 2s);
  std::unique_ptr<Socket> stray;
  TraceRecorder recorder(Transport::short_poll);
  run_lane_with(
      scenario, Transport::short_poll,
      [&](LaneWorld& world) {
        // Once the run starts, when the server listens.
        world.simulator.schedule(0s, [&stray, &world] {
          stray = std::make_unique<Socket>(world.topology.connect_client(0), Side::opener, false);
          stray->connect(
              [&stray, &world] { stray->send(world.http.request("GET", "/poll?client=9", {})); });
        });
        return make_short_poll(world);
      },
      recorder);
  const Lane lane = std::move(recorder).finish();
  int refusals = 0;
  for (const WireFrame* response : frames_of(lane, Layer::http, "response")) {
    if (pushlab::sim::wire::as_text(response->bytes).starts_with("HTTP/1.1 400 Bad Request\r\n")) {
      ++refusals;
      CHECK(response->received_at.has_value());
    }
  }
  CHECK(refusals == 1);
}
