#include "sim/transports/lane_network.hpp"

#include <doctest/doctest.h>

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
  CHECK(direct.hops[1] == Hop{.from = 1, .to = 2, .link = client_hop(scenario)});
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
