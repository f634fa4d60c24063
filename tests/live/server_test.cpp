// The live server against an independent peer: Python's websockets library and plain sockets
// (tests/live/peer.py), over real sockets on loopback. Each case starts a server of its own.

#include "live/server.hpp"
#include "live/recording_server.hpp"
#include "sim/trace/metrics.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "sim/scenario/load.hpp"

#include "tests/apps/run_program.hpp"
#include "tests/live/test_server_options.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

namespace pushlab::live {

namespace {

using namespace sim::testing;
using pushlab::testing::Run;
using pushlab::testing::run_program;

using testing::test_server_options;

// Runs tests/live/SCRIPT PORT ARGUMENTS against `server` (a Server or a RecordingServer),
// serving on a thread of its own until the peer is done.
template <class AnyServer>
Run run_peer_against(AnyServer& server, const std::string& script, const std::string& arguments) {
  std::thread serving([&] { server.run(); });
  const Run run = run_program("/usr/bin/python3 " PUSHLAB_SOURCE_DIR "/tests/live/" + script,
                              std::to_string(server.port()) + " " + arguments);
  server.stop();
  serving.join();
  return run;
}

// The same against a fresh server; returns the peer's verdict and the server's counts.
std::pair<Run, ServerCounts> run_peer(const std::string& script, const std::string& arguments,
                                      ServerOptions options) {
  Server server(std::move(options));
  const Run run = run_peer_against(server, script, arguments);
  return {run, server.counts()};
}

// One check of peer.py.
std::pair<Run, ServerCounts> check(const std::string& name,
                                   ServerOptions options = test_server_options()) {
  return run_peer("peer.py", name, std::move(options));
}

void expect_passes(const std::string& name) {
  const Run run = check(name).first;  // (clang 14 cannot capture a structured binding)
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_code == 0);
}

}  // namespace

TEST_CASE("a websockets client receives each message as a text frame, and its own is counted") {
  const auto [peer, server_counts] = check("websocket");
  const Run run = peer;
  const ServerCounts counts = server_counts;
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_code == 0);
  CHECK(counts.received == 1);
  CHECK(counts.published == 3);
}

TEST_CASE("over TLS: websockets receives over wss://, and polls work over https://") {
  for (const char* name : {"wss", "https-poll"}) {
    CAPTURE(name);
    ServerOptions options = test_server_options();
    options.tls = true;
    const Run run = check(name, std::move(options)).first;
    CAPTURE(run.out);
    CAPTURE(run.err);
    CHECK(run.exit_code == 0);
  }
}

TEST_CASE("/echo sends each message back as it came, for round-trip measurements") {
  expect_passes("echo");
}

TEST_CASE("an unmasked client frame is closed with 1002, as RFC 6455 requires") {
  expect_passes("unmasked");
}

TEST_CASE("a text frame that is not UTF-8 is closed with 1007") {
  expect_passes("bad-utf8");
}

TEST_CASE("a close frame with a code that may not be sent is answered 1002") {
  expect_passes("bad-close-code");
}

TEST_CASE("a bad opening handshake gets 426 (with the version spoken) or 400") {
  expect_passes("bad-handshake");
}

TEST_CASE("short polling: the messages as a JSON array, then 204 when none is new") {
  expect_passes("poll");
}

TEST_CASE("long polling: a request with nothing to answer is held until the timeout") {
  expect_passes("long-poll");
}

TEST_CASE("long polling: a held request is answered as soon as a message comes") {
  expect_passes("long-poll-answer");
}

TEST_CASE("Server-Sent Events resume after Last-Event-ID") {
  expect_passes("events");
}

TEST_CASE("limits and bad requests get the status HTTP prescribes") {
  expect_passes("limits");
}

TEST_CASE("connections over the limit are closed at once; those within it are served") {
  ServerOptions options = test_server_options();
  options.max_connections = 4;
  const Run run = check("connection-limit", std::move(options)).first;
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_code == 0);
}

TEST_CASE("a client that sends half a request is cut off, not waited for") {
  expect_passes("slowloris");
}

TEST_CASE("headless Chromium on the demo page receives over all four transports, recorded") {
  ServerOptions options = test_server_options();
  options.scenario = sim::load_scenario_file(PUSHLAB_SOURCE_DIR "/scenarios/chat.json");
  options.time_scale = 10;  // about ten messages in the three seconds the page runs
  // As `pushlab-cli serve` runs it: behind the relay, which records what crossed.
  RecordingServer server(std::move(options));
  const Run run = run_peer_against(server, "browser_peer.py", "3");
  CAPTURE(run.out);
  CAPTURE(run.err);
  REQUIRE(run.exit_code == 0);
  const auto counts = nlohmann::json::parse(run.out);
  const sim::Trace trace = server.trace();
  CHECK(trace.source == "live");
  std::string lanes;
  for (const sim::Lane& lane : trace.lanes)
    lanes += std::string(sim::to_string(lane.transport)) + " ";
  CAPTURE(lanes);
  REQUIRE(trace.lanes.size() == 4);
  for (const sim::Lane& lane : trace.lanes) {
    const std::string name(sim::to_string(lane.transport));
    CAPTURE(name);
    const auto received = counts.at(name).get<std::uint64_t>();
    CHECK(received >= 2);
    CHECK(received <= server.counts().published);
    // The relay saw at least what the page counted arrive (the page counted until it was
    // asked, the relay until the server stopped).
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.delivered >= received);
    CHECK(metrics.delivered <= server.counts().published);
  }
}

TEST_CASE("load: 1,000 WebSocket and 1,000 long-polling clients through serve, nothing lost") {
  ServerOptions options = test_server_options();
  options.scenario.clients = 2000;
  options.scenario.traffic.clear();
  add_at(options.scenario, sim::Direction::server_to_client, {200ms, 400ms, 600ms});
  options.scenario.long_poll.timeout = 5s;
  // Two thousand clients connecting at once on a busy machine: give each its full time to send
  // its request (the one-second limit of the other tests is for the slowloris case).
  options.request_timeout = std::chrono::seconds{30};
  // As `pushlab-cli serve` runs it: behind the recording relay.
  RecordingServer server(std::move(options));
  const Run run = run_peer_against(server, "load_peer.py", "1000 1000 3");
  const ServerCounts counts = server.counts();
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_code == 0);
  CHECK(counts.published == 6000);
  CHECK(counts.connections >= 2000);
  // And what the relay recorded says the same: each half of the clients got its 3,000.
  const sim::Trace trace = server.trace();
  REQUIRE(trace.lanes.size() == 2);
  for (const sim::Lane& lane : trace.lanes) {
    CAPTURE(sim::to_string(lane.transport));
    CHECK(sim::compute_metrics(lane).delivered == 3000);
  }
}

TEST_CASE("a port in use, or no address at all, is refused with the address named") {
  Server first(test_server_options());
  ServerOptions options = test_server_options();
  options.port = first.port();
  const std::string expected = "cannot listen on 127.0.0.1:" + std::to_string(first.port());
  CHECK_THROWS_WITH_AS(Server{options}, doctest::Contains(expected.c_str()), std::runtime_error);
  options.bind = "999.1.1.1";
  CHECK_THROWS_WITH_AS(Server{options}, doctest::Contains("\"999.1.1.1\" is not an IP address"),
                       std::runtime_error);
}

}  // namespace pushlab::live
