#pragma once
// What the relay's connections share: the scenario, the clock, the random draws, the upstream
// links, the recording. Included by the relay's files alone.

#include <boost/asio.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "live/detail/relay_network.hpp"
#include "live/live_clock.hpp"
#include "live/recording.hpp"
#include "sim/engine/rng.hpp"
#include "sim/net/link.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/transports/lane_network.hpp"

namespace pushlab::live::detail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using sim::Nanoseconds;
using sim::wire::Bytes;

class Pair;

struct RelayCore {
  RelayCore(asio::io_context& io_context, const sim::Scenario& scenario_in,
            unsigned short server_port, LiveClock clock_in)
      : io(io_context),
        scenario(scenario_in),
        clock(clock_in),
        rng(scenario_in.seed),
        upstream{sim::Link(sim::upstream_hop(scenario_in), link_rng()),
                 sim::Link(sim::upstream_hop(scenario_in), link_rng())},
        server({asio::ip::make_address("127.0.0.1"), server_port}),
        acceptor(io_context) {
    recording.proxy = scenario.proxy.enabled;
    recording.tls = scenario.network.tls;
  }

  asio::io_context& io;
  sim::Scenario scenario;
  LiveClock clock;
  sim::Rng rng;
  std::uint64_t links_made = 0;
  LinkPair upstream;  // proxy to server, shared as in the simulator's topology
  tcp::endpoint server;
  tcp::acceptor acceptor;
  Recording recording;
  bool keep_pieces = true;
  std::deque<RecordedConnection> connections;  // stable addresses while pairs write to them
  std::vector<std::weak_ptr<Pair>> pairs;

  // Each link's jitter and loss draws: a stream of its own, as in the simulator's topology.
  sim::Rng link_rng() { return rng.fork(links_made++); }
};

}  // namespace pushlab::live::detail
