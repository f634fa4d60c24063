#include "sim/net/topology.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace pushlab::sim;
using namespace std::chrono_literals;

namespace {

// Two clients, a proxy and a server: each client's hop leads to the proxy, one hop onwards.
NetworkSpec through_a_proxy() {
  return {.endpoints = {{EndpointRole::client, "client 1"},
                        {EndpointRole::client, "client 2"},
                        {EndpointRole::proxy, "proxy"},
                        {EndpointRole::server, "server"}},
          .hops = {{.from = 0, .to = 2, .link = {.latency = 30ms}},
                   {.from = 1, .to = 2, .link = {.latency = 30ms}},
                   {.from = 2, .to = 3, .link = {.latency = 20ms}}}};
}

struct Bench {
  Simulator simulator;
  Rng rng{1};
  TraceRecorder recorder{Transport::websocket};
  NetContext net{simulator, rng, recorder};
};

}  // namespace

TEST_CASE("topology: the spec's endpoints, in its order, and its roles found by role") {
  Bench bench;
  Topology topology(bench.net, through_a_proxy());
  CHECK(topology.clients() == 2);
  CHECK(topology.proxy() == 2u);
  CHECK(topology.server() == 3u);
  const Lane lane = std::move(bench.recorder).finish();
  REQUIRE(lane.endpoints.size() == 4);
  CHECK(lane.endpoints[2] == Endpoint{EndpointRole::proxy, "proxy"});
}

TEST_CASE("topology: a connection goes over a hop of the spec, and only over one") {
  Bench bench;
  Topology topology(bench.net, through_a_proxy());
  int accepted_at_proxy = 0;
  topology.listen(2, [&](TcpConnection&) { ++accepted_at_proxy; });
  topology.connect_client(1);                              // client 2's hop leads to the proxy
  topology.connect(*topology.proxy(), topology.server());  // and the proxy's to the server
  CHECK(accepted_at_proxy == 1);
  CHECK_THROWS_AS(topology.connect(0, 3), std::out_of_range);  // no hop from a client to it
  topology.finish();
}
