// A live run against the simulation of the same scenario: the same messages, the same frames
// on each connection in the same order, and latencies that differ by no more than this
// machine's noise.

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "live/run.hpp"
#include "sim/scenario/load.hpp"
#include "sim/transports/simulate.hpp"

namespace {

using namespace pushlab;
using namespace std::chrono_literals;

// What a learner reads off a connection: who sent what, of which kind, carrying which messages,
// and for an HTTP response its status code ("HTTP/1.1 204" of "HTTP/1.1 204 No Content").
using FrameShape = std::tuple<sim::EndpointRole, sim::EndpointRole, sim::Layer, std::string,
                              std::vector<sim::MessageId>, std::string>;

std::string status_of(const sim::WireFrame& frame) {
  const std::string_view text = sim::wire::as_text(frame.bytes);
  return text.starts_with("HTTP/") ? std::string(text.substr(0, text.find(' ', 9))) : "";
}

std::map<sim::ConnectionId, std::vector<FrameShape>> frames_by_connection(const sim::Lane& lane) {
  std::map<sim::ConnectionId, std::vector<FrameShape>> connections;
  for (const sim::WireFrame& frame : lane.frames) {
    connections[frame.connection].emplace_back(lane.endpoints[frame.from].role,
                                               lane.endpoints[frame.to].role, frame.layer,
                                               frame.kind, frame.messages, status_of(frame));
  }
  return connections;
}

// 9.5 s: long enough for every transport's cycle, and no poll falls on the end itself, where
// the order of two things due at the same instant decides whether one more poll goes out.
sim::Scenario shortened(const std::string& name) {
  sim::Scenario scenario =
      sim::load_scenario_file(PUSHLAB_SOURCE_DIR "/scenarios/" + name + ".json");
  scenario.duration = 9500ms;
  return scenario;
}

// Loopback adds well under a millisecond (docs/PERFORMANCE.md). 20 ms leaves room for a busy
// machine (or a sanitizer's build) without hiding a missed round trip (50 ms or more). A time
// scale multiplies every wall-clock delay in the Trace: then 20 ms of wall time, scaled (400 ms
// at 20 times the speed), which still tells a message from one that missed its poll (a second).
sim::Trace check_live_agrees_with(const sim::Scenario& scenario, double time_scale = 1) {
  const sim::Trace live = live::run(scenario, {.time_scale = time_scale, .progress = {}});
  const auto tolerance = std::max<sim::Nanoseconds>(
      20ms, std::chrono::duration_cast<sim::Nanoseconds>(20ms * time_scale));
  const sim::Trace simulated = sim::simulate(scenario);
  CHECK(live.source == "live");
  REQUIRE(live.lanes.size() == simulated.lanes.size());
  for (std::size_t i = 0; i < live.lanes.size(); ++i) {
    const sim::Lane& measured = live.lanes[i];
    const sim::Lane& modelled = simulated.lanes[i];
    CAPTURE(sim::to_string(measured.transport));
    CHECK(measured.endpoints == modelled.endpoints);
    // The engine.io lane's live frames are not yet held to the simulated ones one by one (the
    // recording names a POST's answer and a WebSocket frame's packet differently); its
    // messages and their times are, below, and its bytes in the engine.io tests of this file.
    if (measured.transport != sim::Transport::engine_io) {
      CHECK(frames_by_connection(measured) == frames_by_connection(modelled));
    }
    REQUIRE(measured.messages.size() == modelled.messages.size());
    for (std::size_t m = 0; m < measured.messages.size(); ++m) {
      CAPTURE(m);
      const sim::Message& real = measured.messages[m];
      const sim::Message& model = modelled.messages[m];
      CHECK(real.created_at == model.created_at);
      REQUIRE(real.delivered_at.has_value() == model.delivered_at.has_value());
      if (!real.delivered_at) continue;
      const auto difference = *real.delivered_at - *model.delivered_at;
      CHECK(std::chrono::abs(difference) < tolerance);
    }
  }
  return live;
}

void check_live_agrees_with_simulation(const std::string& name) {
  check_live_agrees_with(shortened(name));
}

TEST_CASE("live chat agrees with its simulation: messages, frames per connection, latency") {
  check_live_agrees_with_simulation("chat");
}

TEST_CASE("live through a proxy that strips Upgrade: the WebSocket fails as simulated") {
  check_live_agrees_with_simulation("corporate-proxy");
}

TEST_CASE("live through a buffering proxy: events held and flushed as simulated") {
  check_live_agrees_with_simulation("buffering-proxy");
}

TEST_CASE("live through an idle proxy: WebSocket reconnects, SSE resumes, as simulated") {
  // Five minutes at 20 times the speed; the end falls between two polls.
  sim::Scenario scenario = sim::load_scenario_file(PUSHLAB_SOURCE_DIR "/scenarios/idle-proxy.json");
  scenario.duration = 290500ms;
  check_live_agrees_with(scenario, 20);
}

TEST_CASE("live through a proxy that answers 504 to a request held too long, as simulated") {
  sim::Scenario scenario = shortened("chat");
  scenario.lanes = {sim::Transport::long_poll};
  scenario.proxy.enabled = true;
  scenario.proxy.max_request_time = 2s;  // long polls are held up to 30 s: the proxy cuts them
  scenario.traffic = {{.direction = sim::Direction::server_to_client,
                       .pattern = sim::At{{1s, 6500ms}},
                       .payload_bytes = 20}};
  const sim::Trace live = check_live_agrees_with(scenario);
  const auto gateway_timeouts = std::count_if(
      live.lanes[0].frames.begin(), live.lanes[0].frames.end(), [](const sim::WireFrame& frame) {
        return sim::wire::as_text(frame.bytes).starts_with("HTTP/1.1 504");
      });
  CHECK(gateway_timeouts >= 2);
}

TEST_CASE("live over TLS: the application frames, placed by the records that carried them") {
  sim::Scenario scenario = shortened("chat");
  scenario.network.tls = true;
  // Half speed: a TLS handshake under a sanitizer can take the processor long enough to move a
  // delivery by more than 20 ms of wall time (1 run in 3 on a 2-core machine); at half speed it
  // moves the Trace by half that. A missed poll is still a second off.
  check_live_agrees_with(scenario, 0.5);
}

TEST_CASE("a live run stops early when cancelled, and says so") {
  const auto cancel = std::make_shared<std::atomic<bool>>(false);
  std::thread canceller([cancel] {
    std::this_thread::sleep_for(500ms);
    cancel->store(true);
  });
  // 9.5 s of scenario: it throws only if the cancel was seen.
  CHECK_THROWS_AS(live::run(shortened("chat"), {.time_scale = 1, .progress = {}, .cancel = cancel}),
                  std::runtime_error);
  canceller.join();
}

TEST_CASE("a live run refuses several tabs of a page, which only the simulator models") {
  sim::Scenario scenario = shortened("chat");
  scenario.sse.tabs = 7;
  CHECK_THROWS_WITH_AS(live::run(scenario),
                       "sse.tabs is 7, but live mode runs each client as one tab (expected "
                       "sse.tabs 1, or a run without the sse lane)",
                       std::runtime_error);
}

TEST_CASE("a live run refuses a time scale that is not positive") {
  CHECK_THROWS_AS(live::run(shortened("chat"), {.time_scale = 0, .progress = {}}),
                  std::invalid_argument);
}

}  // namespace

namespace {

// The lane's frames with these first bytes (a WebSocket frame's payload is masked one way, so
// only HTTP is looked for by its bytes).
long http_frames_starting(const sim::Lane& lane, std::string_view start) {
  return std::count_if(lane.frames.begin(), lane.frames.end(), [&](const sim::WireFrame& frame) {
    return frame.layer == sim::Layer::http && sim::wire::as_text(frame.bytes).starts_with(start);
  });
}

// Our Engine.IO page against our live server, through the relay: every message arrives, both
// ways, and the lane shows the session's handshake and the probe's 101 (or its refusal).
sim::Lane live_engine_io_lane(bool strip_upgrade) {
  sim::Scenario scenario = shortened("chat");
  scenario.lanes = {sim::Transport::engine_io};
  scenario.proxy.enabled = strip_upgrade;
  scenario.proxy.strip_upgrade = strip_upgrade;
  const sim::Trace live = live::run(scenario, {.time_scale = 1, .progress = {}});
  REQUIRE(live.lanes.size() == 1);
  const sim::Lane& lane = live.lanes[0];
  REQUIRE_FALSE(lane.messages.empty());
  for (const sim::Message& message : lane.messages) CHECK(message.delivered_at.has_value());
  CHECK(http_frames_starting(lane, "GET /socket.io/?client=1&EIO=4&transport=polling&t=") >= 2);
  return lane;
}

}  // namespace

TEST_CASE("live engine.io: the page upgrades to the WebSocket and every message arrives") {
  const sim::Lane lane = live_engine_io_lane(false);
  CHECK(http_frames_starting(lane, "HTTP/1.1 101 Switching Protocols") == 1);
}

TEST_CASE("live engine.io: where the proxy strips Upgrade the page stays on polling") {
  const sim::Lane lane = live_engine_io_lane(true);
  CHECK(http_frames_starting(lane, "HTTP/1.1 101") == 0);
  // The server's refusal of the probe, and the proxy's copy of it to the browser.
  CHECK(http_frames_starting(lane, "HTTP/1.1 400 Bad Request") == 2);
}
