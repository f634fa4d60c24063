// The engine.io lane behind a load balancer: a session lives on one server, so without sticky
// sessions a poll that the balancer sends elsewhere meets "Session ID unknown".

#include <doctest/doctest.h>

#include <map>

#include "sim/wire/bytes.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

using pushlab::sim::wire::as_text;

// 30 browsers on `servers` servers behind a round-robin balancer, on polling only, with a
// broadcast every second through Redis. The jitter lets their requests reach the balancer in
// no fixed order, as real clients' do: with all of them in lockstep, round robin would send
// each client's requests to the same server every time 30 is a multiple of N.
Scenario cluster_scenario(int servers, Stickiness sticky) {
  Scenario scenario = basic_scenario(Transport::engine_io, 10s);
  scenario.clients = 30;
  scenario.network.jitter = 20ms;
  scenario.engine_io.upgrade = false;
  scenario.cluster = Cluster{.servers = servers,
                             .balancer = {.sticky = sticky},
                             .server = {},
                             .broker = {.kind = BrokerKind::redis_pubsub, .latency = 250us},
                             .failures = {},
                             .reconnect = {}};
  scenario.traffic.push_back({Direction::server_to_client, Periodic{1s, 1s}, 20, Audience::all, 0});
  return scenario;
}

struct PollOutcomes {
  int found = 0;    // answered 200: the poll reached the server that holds its session
  int unknown = 0;  // answered 400 {"code":1,"message":"Session ID unknown"}
  double found_share() const { return static_cast<double>(found) / (found + unknown); }
};

// Every poll a browser sent after its handshake (a GET that names a sid), and how it was
// answered, paired on their connection.
PollOutcomes poll_outcomes(const Lane& lane) {
  std::map<ConnectionId, bool> poll_out;
  PollOutcomes outcomes;
  for (const WireFrame& frame : lane.frames) {
    if (frame.layer != Layer::http) continue;
    const std::string_view text = as_text(frame.bytes);
    const bool from_client = lane.endpoints[frame.from].role == EndpointRole::client;
    const bool to_client = lane.endpoints[frame.to].role == EndpointRole::client;
    if (from_client && frame.kind == "request") {
      poll_out[frame.connection] =
          text.starts_with("GET ") && text.find("&sid=") < text.find("\r\n");
    } else if (to_client && poll_out[frame.connection] && !frame.lost()) {
      poll_out[frame.connection] = false;
      if (text.starts_with("HTTP/1.1 200 ")) ++outcomes.found;
      if (text.find("Session ID unknown") != std::string_view::npos) ++outcomes.unknown;
    }
  }
  return outcomes;
}

int handshakes(const Lane& lane) {
  int count = 0;
  for (const WireFrame& frame : lane.frames) {
    const std::string_view text = as_text(frame.bytes);
    const std::size_t line_end = text.find("\r\n");
    if (lane.endpoints[frame.from].role == EndpointRole::client && frame.kind == "request" &&
        text.starts_with("GET ") && text.find("transport=polling") < line_end &&
        text.find("&sid=") > line_end) {
      ++count;
    }
  }
  return count;
}

}  // namespace

TEST_CASE("engine.io cluster: without stickiness a poll finds its session about 1/N of the time") {
  for (const int servers : {2, 3, 4}) {
    CAPTURE(servers);
    const Lane lane = run_one_lane(cluster_scenario(servers, Stickiness::none));
    const PollOutcomes outcomes = poll_outcomes(lane);
    CAPTURE(outcomes.found);
    CAPTURE(outcomes.unknown);
    REQUIRE(outcomes.found + outcomes.unknown > 40);
    CHECK(outcomes.found_share() == doctest::Approx(1.0 / servers).epsilon(0.35));
    // Every 400 ends a session, and the page opens another: again and again.
    CHECK(handshakes(lane) > 30 + outcomes.unknown / 2);
  }
}

TEST_CASE("engine.io cluster: ip-hash or cookie stickiness keeps every poll on its session") {
  for (const Stickiness sticky : {Stickiness::ip_hash, Stickiness::cookie}) {
    CAPTURE(static_cast<int>(sticky));
    const Lane lane = run_one_lane(cluster_scenario(3, sticky));
    const PollOutcomes outcomes = poll_outcomes(lane);
    CHECK(outcomes.unknown == 0);
    CHECK(outcomes.found > 100);
    CHECK(handshakes(lane) == 30);
    for (const Message& message : lane.messages) CHECK(message.delivered_at.has_value());
  }
}

TEST_CASE("engine.io cluster: a WebSocket-only client needs no stickiness") {
  Scenario scenario = cluster_scenario(3, Stickiness::none);
  scenario.engine_io.websocket_only = true;
  const Lane lane = run_one_lane(scenario);
  CHECK(poll_outcomes(lane).unknown == 0);
  CHECK(handshakes(lane) == 0);  // no polling at all
  for (const Message& message : lane.messages) CHECK(message.delivered_at.has_value());
}
