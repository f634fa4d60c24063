#include "sim/transports/lane_network.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "sim/transports/random_streams.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

TEST_CASE("lane network: clients, then the proxy when enabled, then the server, and their hops") {
  Scenario scenario = basic_scenario(Transport::sse);
  scenario.clients = 2;
  scenario.network.jitter = 5ms;
  const NetworkSpec direct = network_of(scenario);
  REQUIRE(direct.endpoints.size() == 3);
  CHECK(direct.endpoints[2] == Endpoint{EndpointRole::server, "server"});
  REQUIRE(direct.hops.size() == 2);
  CHECK(direct.hops[1] ==
        Hop{.from = 1, .to = 2, .link = client_hop(scenario), .stream = streams::of_client_hop(1)});
  CHECK(direct.hops[1].link.latency == 50ms);

  scenario.proxy.enabled = true;
  const NetworkSpec proxied = network_of(scenario);
  REQUIRE(proxied.endpoints.size() == 4);
  CHECK(proxied.first(EndpointRole::proxy) == 2u);
  CHECK(proxied.first(EndpointRole::server) == 3u);
  // The client's hop keeps its jitter and half the latency; the proxy's is latency only.
  CHECK(proxied.hops.size() == 3);
  for (const Hop& hop : proxied.hops) {
    const bool upstream = hop.from == 2;
    CHECK(hop.to == (upstream ? 3u : 2u));
    CHECK(hop.link.latency == 25ms);
    CHECK(hop.link.jitter == (upstream ? 0ms : 5ms));
  }
}

TEST_CASE("lane network: every hop has a random stream of its own, the same with a proxy or not") {
  Scenario scenario = basic_scenario(Transport::websocket);
  scenario.clients = 3;
  const NetworkSpec direct = network_of(scenario);
  scenario.proxy.enabled = true;
  const NetworkSpec proxied = network_of(scenario);
  std::set<std::uint64_t> streams;
  for (const Hop& hop : proxied.hops) streams.insert(hop.stream);
  CHECK(streams.size() == proxied.hops.size());
  // A client's hop keeps its stream when a proxy is added behind it.
  for (const Hop& hop : direct.hops) CHECK(hop.stream == streams::of_client_hop(hop.from));
  CHECK(proxied.hops.front().stream == streams::kProxyToServerHop);
}

TEST_CASE("lane network: a client's losses are its own, however many other clients there are") {
  Scenario scenario = basic_scenario(Transport::websocket, 20s);
  scenario.network.loss = 0.2;
  scenario.network.jitter = 10ms;
  add_periodic(scenario, Direction::server_to_client, 100ms, 1s);
  add_periodic(scenario, Direction::client_to_server, 300ms, 1s);
  // What crossed client 1's hop: when each frame left and arrived, its size, whether lost.
  const auto client_one = [](const Lane& lane) {
    std::vector<std::tuple<Nanoseconds, std::optional<Nanoseconds>, std::size_t>> crossed;
    for (const WireFrame& frame : lane.frames) {
      if (frame.from == 0 || frame.to == 0)
        crossed.emplace_back(frame.sent_at, frame.received_at, frame.size());
    }
    return crossed;
  };
  const Lane alone = run_one_lane(scenario);
  scenario.clients = 4;
  const Lane among_others = run_one_lane(scenario);
  REQUIRE(client_one(alone).size() > 100);
  CHECK(std::count_if(alone.frames.begin(), alone.frames.end(),
                      [](const WireFrame& f) { return f.lost(); }) > 10);
  CHECK(client_one(among_others) == client_one(alone));
}
