// The real engine.io-client and socket.io-client, running in Node, against PushLab's live
// server through its recording relay (tests/node/live_clients.mjs): the handshake, messages
// both ways, binary, the upgrade, heartbeats, and the fallback where a proxy strips Upgrade.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <thread>

#include "live/recording_server.hpp"
#include "tests/apps/run_program.hpp"
#include "tests/live/serving.hpp"
#include "tests/live/test_server_options.hpp"

namespace pushlab::live {

namespace {

using namespace std::chrono_literals;
using testing::Serving;
using testing::test_server_options;

// One case of live_clients.mjs against a server with these options: what the client saw.
nlohmann::json run_case(ServerOptions options, const std::string& which) {
  options.scenario.clients = 1;
  RecordingServer server(std::move(options));
  pushlab::testing::Run run;
  {
    const Serving serving(server);
    run = pushlab::testing::run_program("NODE_PATH=" PUSHLAB_NODE_MODULES
                                        " node " PUSHLAB_SOURCE_DIR "/tests/node/live_clients.mjs",
                                        std::to_string(server.port()) + " " + which);
  }
  CAPTURE(run.out);
  CAPTURE(run.err);
  REQUIRE(run.exit_code == 0);
  return nlohmann::json::parse(run.out);
}

// No messages of the scenario's own: the client hears only its echoes and the heartbeat. The
// relay's 50 ms each way, and the pause of polling during the upgrade, fit in the pingTimeout.
ServerOptions echoing(std::chrono::milliseconds ping_interval) {
  ServerOptions options = test_server_options();
  options.scenario.traffic.clear();
  options.echo = true;
  options.scenario.engine_io.ping_interval = ping_interval;
  options.scenario.engine_io.ping_timeout = 1000ms;
  return options;
}

}  // namespace

TEST_CASE("engine.io-client: handshake, text and binary echoed, the upgrade, heartbeats") {
  const nlohmann::json seen = run_case(echoing(300ms), "echo");
  CHECK(seen["events"][0] == "open:polling");
  CHECK(seen["events"][1] == "upgrade:websocket");
  CHECK(seen["transport"] == "websocket");
  CHECK(seen["messages"][0] == "hello");
  CHECK(seen["messages"].back() == "after");
  CHECK(seen["binary"][0] == "01020304");
  CHECK(seen["pings"].get<int>() >= 2);
}

TEST_CASE("engine.io-client: where the relay strips Upgrade the session stays on polling") {
  ServerOptions options = echoing(300ms);
  options.scenario.proxy.enabled = true;
  options.scenario.proxy.strip_upgrade = true;
  const nlohmann::json seen = run_case(options, "fallback");
  CHECK(seen["events"][0] == "open:polling");
  CHECK(seen["transport"] == "polling");
  for (const auto& event : seen["events"]) CHECK(event != "upgrade:websocket");
  CHECK(seen["messages"][0] == "hello");
  CHECK(seen["binary"][0] == "01020304");
  CHECK(seen["pings"].get<int>() >= 2);
}

TEST_CASE("socket.io-client: CONNECT on /, an event echoed, the upgrade") {
  const nlohmann::json seen = run_case(echoing(25000ms), "socketio");
  CHECK(seen["events"][0] == "connect");
  CHECK(seen["messages"][0] == "hello from socket.io");
}

TEST_CASE("socket.io-client: the scenario's messages arrive as events, once each, in order") {
  ServerOptions options = test_server_options();  // messages #0, #1, #2 at 50, 100, 150 ms
  const nlohmann::json seen = run_case(options, "feed");
  REQUIRE(seen["messages"].size() == 3);
  for (int i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(seen["messages"][i].get<std::string>().starts_with("#" + std::to_string(i) + " "));
  }
}

}  // namespace pushlab::live
