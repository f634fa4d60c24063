#pragma once
// The live server's options for tests: one WebSocket client; messages #0, #1, #2 at 0.05, 0.10
// and 0.15 s; long polls held 0.5 s; a whole request read within 1 s.

#include "live/server.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

namespace pushlab::live::testing {

inline ServerOptions test_server_options() {
  using namespace std::chrono_literals;
  ServerOptions options;
  options.scenario = sim::testing::basic_scenario(sim::Transport::websocket, 10s);
  sim::testing::add_at(options.scenario, sim::Direction::server_to_client, {50ms, 100ms, 150ms});
  options.scenario.long_poll.timeout = 500ms;
  options.request_timeout = std::chrono::seconds{1};
  options.web_dir = PUSHLAB_SOURCE_DIR "/assets/web";
  return options;
}

}  // namespace pushlab::live::testing
