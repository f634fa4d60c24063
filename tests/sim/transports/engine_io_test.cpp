#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "sim/wire/bytes.hpp"
#include "sim/wire/engineio/payload.hpp"
#include "sim/wire/http/parse_one.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

namespace ws = pushlab::sim::wire::websocket;
using pushlab::sim::wire::as_text;

// Endpoint ids: the client first, then the proxy when there is one, then the server.
constexpr EndpointId kClient = 0;

// The text of a WebSocket frame's payload as its receiver reads it.
std::string websocket_text(const WireFrame& frame) {
  ws::FrameDecoder decoder({.role = frame.from == kClient ? ws::Role::server : ws::Role::client});
  decoder.feed(frame.bytes);
  const auto decoded = decoder.next();
  REQUIRE(decoded.has_value());
  return std::string(as_text(decoded->frame.payload));
}

std::string body_of(const WireFrame& frame) {
  const std::string_view text = as_text(frame.bytes);
  const std::size_t end = text.find("\r\n\r\n");
  REQUIRE(end != std::string_view::npos);
  return std::string(text.substr(end + 4));
}

std::string_view start_line(const WireFrame& frame) {
  const std::string_view text = as_text(frame.bytes);
  return text.substr(0, text.find("\r\n"));
}

// The first frame after `after` (by send time) that `matches`, or null.
template <typename Match>
const WireFrame* first(const Lane& lane, Match matches, Nanoseconds after = Nanoseconds{-1}) {
  for (const WireFrame& frame : lane.frames) {
    if (frame.sent_at > after && matches(frame)) return &frame;
  }
  return nullptr;
}

bool is_http(const WireFrame& frame, std::string_view kind) {
  return frame.layer == Layer::http && frame.kind == kind;
}

bool is_websocket_text(const WireFrame& frame, std::string_view text) {
  return frame.layer == Layer::websocket && websocket_text(frame) == text;
}

// The handshake GETs the browser sent (through a proxy, each also appears once more, forwarded).
std::vector<const WireFrame*> handshakes(const Lane& lane) {
  std::vector<const WireFrame*> found;
  for (const WireFrame& frame : lane.frames) {
    if (frame.from == kClient && is_http(frame, "request") &&
        start_line(frame).find("transport=polling") != std::string_view::npos &&
        start_line(frame).find("&sid=") == std::string_view::npos) {
      found.push_back(&frame);
    }
  }
  return found;
}

Scenario engine_io_scenario(Nanoseconds duration) {
  return basic_scenario(Transport::engine_io, duration);
}

}  // namespace

TEST_CASE(
    "engine.io: handshake on polling, CONNECT, then the probe and the upgrade in the reference "
    "order") {
  Scenario scenario = engine_io_scenario(3s);
  add_at(scenario, Direction::server_to_client, {1000ms});
  const Lane lane = run_one_lane(scenario);

  // 50 ms one way. The handshake GET goes at 100 ms, once TCP is up, and is answered at 150 ms.
  const WireFrame* open_request =
      first(lane, [](const WireFrame& f) { return is_http(f, "request"); });
  REQUIRE(open_request != nullptr);
  CHECK(open_request->sent_at == 100ms);
  CHECK(open_request->setup);
  CHECK(
      start_line(*open_request).starts_with("GET /socket.io/?client=1&EIO=4&transport=polling&t="));
  CHECK(start_line(*open_request).find("&sid=") == std::string_view::npos);

  const WireFrame* open = first(lane, [](const WireFrame& f) { return is_http(f, "response"); });
  REQUIRE(open != nullptr);
  CHECK(open->sent_at == 150ms);
  CHECK(as_text(open->bytes)
            .starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/plain; "
                         "charset=UTF-8\r\nContent-Length: 118\r\n"
                         "cache-control: no-store\r\n\r\n0{\"sid\":\""));
  const std::string open_body = body_of(*open);
  CHECK(open_body.size() == 118);
  CHECK(open_body.ends_with(
      "AAAA\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,"
      "\"maxPayload\":1000000}"));
  const std::string sid = open_body.substr(9, 20);

  // Socket.IO's CONNECT goes in a POST the moment the session is open, answered "ok"; the
  // server's answer, 40 with the Socket.IO session's id, waits for the next poll.
  const WireFrame* connect = first(lane, [](const WireFrame& f) {
    return is_http(f, "request") && start_line(f).starts_with("POST ");
  });
  REQUIRE(connect != nullptr);
  CHECK(connect->sent_at == 200ms);
  CHECK(body_of(*connect) == "40");
  CHECK(start_line(*connect).find("&sid=" + sid) != std::string_view::npos);
  const WireFrame* ok = first(lane, [](const WireFrame& f) { return f.kind == "send-response"; });
  REQUIRE(ok != nullptr);
  CHECK(as_text(ok->bytes) ==
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\ncache-control: "
        "no-store\r\n\r\nok");
  const WireFrame* connected = first(lane, [](const WireFrame& f) {
    return is_http(f, "response") && body_of(f).starts_with("40{\"sid\":\"");
  });
  REQUIRE(connected != nullptr);

  // The probe: a WebSocket for the same sid, 2probe, 3probe, the pending poll ended with a noop,
  // then 5 from the client.
  const WireFrame* probe = first(lane, [](const WireFrame& f) {
    return is_http(f, "request") &&
           start_line(f).find("transport=websocket") != std::string_view::npos;
  });
  REQUIRE(probe != nullptr);
  CHECK(start_line(*probe) ==
        "GET /socket.io/?client=1&EIO=4&transport=websocket&sid=" + sid + " HTTP/1.1");
  const WireFrame* switching = first(lane, [](const WireFrame& f) {
    return is_http(f, "response") && start_line(f) == "HTTP/1.1 101 Switching Protocols";
  });
  REQUIRE(switching != nullptr);
  const WireFrame* ping_probe =
      first(lane, [](const WireFrame& f) { return is_websocket_text(f, "2probe"); });
  const WireFrame* pong_probe =
      first(lane, [](const WireFrame& f) { return is_websocket_text(f, "3probe"); });
  REQUIRE(ping_probe != nullptr);
  REQUIRE(pong_probe != nullptr);
  CHECK(ping_probe->from == kClient);
  CHECK(pong_probe->from != kClient);
  const WireFrame* noop = first(
      lane, [](const WireFrame& f) { return is_http(f, "response") && body_of(f) == "6"; },
      pong_probe->sent_at);
  REQUIRE(noop != nullptr);
  // The server's 100 ms check after 3probe.
  CHECK(noop->sent_at == pong_probe->sent_at + 100ms);
  const WireFrame* upgrade =
      first(lane, [](const WireFrame& f) { return is_websocket_text(f, "5"); });
  REQUIRE(upgrade != nullptr);
  CHECK(upgrade->from == kClient);
  CHECK(upgrade->sent_at == *noop->received_at);
  CHECK(switching->sent_at < ping_probe->sent_at);
  CHECK(ping_probe->sent_at < pong_probe->sent_at);

  // After the upgrade a message is one frame, one transit.
  REQUIRE(lane.messages.size() == 1);
  CHECK(lane.messages[0].delivered_at == 1050ms);
  const WireFrame* event = first(
      lane, [](const WireFrame& f) { return f.layer == Layer::websocket && !f.messages.empty(); });
  REQUIRE(event != nullptr);
  CHECK(websocket_text(*event).starts_with("42[\"message\",\"#0 "));
  // No poll after the upgrade.
  CHECK(first(
            lane, [](const WireFrame& f) { return is_http(f, "request"); }, upgrade->sent_at) ==
        nullptr);
}

TEST_CASE("engine.io: messages around the upgrade arrive once each and in order") {
  Scenario scenario = engine_io_scenario(3s);
  std::vector<Nanoseconds> times;
  for (int i = 0; i < 20; ++i) times.push_back(300ms + i * 25ms);
  add_at(scenario, Direction::server_to_client, times);
  add_at(scenario, Direction::client_to_server, times);
  const Lane lane = run_one_lane(scenario);
  const WireFrame* upgrade =
      first(lane, [](const WireFrame& f) { return is_websocket_text(f, "5"); });
  REQUIRE(upgrade != nullptr);
  // Both directions cross the switch: some messages before it on polling, some after on the
  // WebSocket.
  CHECK(upgrade->sent_at > 300ms);
  CHECK(upgrade->sent_at < 300ms + 19 * 25ms);

  REQUIRE(lane.messages.size() == 40);
  for (const Message& message : lane.messages) REQUIRE(message.delivered_at.has_value());
  // Each message is carried by exactly one frame that arrived, and each direction's messages
  // arrive in the order they were created.
  std::map<MessageId, int> carried;
  for (const WireFrame& frame : lane.frames) {
    if (frame.lost()) continue;
    for (const MessageId id : frame.messages) ++carried[id];
  }
  for (MessageId id = 0; id < lane.messages.size(); ++id) {
    CAPTURE(id);
    CHECK(carried[id] == 1);
  }
  for (const Direction direction : {Direction::server_to_client, Direction::client_to_server}) {
    Nanoseconds previous{0};
    for (const Message& message : lane.messages) {
      if (message.direction != direction) continue;
      CHECK(*message.delivered_at >= previous);
      previous = *message.delivered_at;
    }
  }
}

TEST_CASE("engine.io: behind a proxy that strips Upgrade the probe fails and polling carries on") {
  Scenario scenario = engine_io_scenario(5s);
  scenario.proxy.enabled = true;
  scenario.proxy.strip_upgrade = true;
  add_at(scenario, Direction::server_to_client, {2000ms, 3000ms});
  add_at(scenario, Direction::client_to_server, {2500ms});
  const Lane lane = run_one_lane(scenario);

  const WireFrame* refused = first(lane, [](const WireFrame& f) {
    return is_http(f, "response") && start_line(f) == "HTTP/1.1 400 Bad Request";
  });
  REQUIRE(refused != nullptr);
  CHECK(as_text(refused->bytes)
            .find("Content-Type: application/json\r\nTransfer-Encoding: chunked") !=
        std::string_view::npos);
  CHECK(body_of(*refused) == "22\r\n{\"code\":3,\"message\":\"Bad request\"}\r\n0\r\n\r\n");
  CHECK(first(lane, [](const WireFrame& f) { return is_websocket_text(f, "2probe"); }) == nullptr);
  CHECK(first(lane, [](const WireFrame& f) { return is_websocket_text(f, "5"); }) == nullptr);

  REQUIRE(lane.messages.size() == 3);
  for (const Message& message : lane.messages) CHECK(message.delivered_at.has_value());
  // Still the first session: the failed probe did not end it.
  CHECK(handshakes(lane).size() == 1);
  // A server message reaches the held poll at once: one transit through the proxy.
  const WireFrame* carrier =
      first(lane, [](const WireFrame& f) { return is_http(f, "response") && !f.messages.empty(); });
  REQUIRE(carrier != nullptr);
  CHECK(body_of(*carrier).starts_with("42[\"message\",\"#"));
}

TEST_CASE(
    "engine.io: with upgrade off and no Socket.IO the session stays on polling with bare "
    "messages") {
  Scenario scenario = engine_io_scenario(3s);
  scenario.engine_io.upgrade = false;
  scenario.engine_io.socketio = false;
  add_at(scenario, Direction::server_to_client, {1000ms});
  add_at(scenario, Direction::client_to_server, {1500ms});
  const Lane lane = run_one_lane(scenario);
  const WireFrame* open = first(lane, [](const WireFrame& f) { return is_http(f, "response"); });
  REQUIRE(open != nullptr);
  CHECK(body_of(*open).find("\"upgrades\":[]") != std::string::npos);
  CHECK(first(lane, [](const WireFrame& f) { return f.layer == Layer::websocket; }) == nullptr);
  const WireFrame* down =
      first(lane, [](const WireFrame& f) { return is_http(f, "response") && !f.messages.empty(); });
  REQUIRE(down != nullptr);
  CHECK(body_of(*down).starts_with("4#0 "));
  const WireFrame* up =
      first(lane, [](const WireFrame& f) { return is_http(f, "request") && !f.messages.empty(); });
  REQUIRE(up != nullptr);
  CHECK(body_of(*up).starts_with("4#1 "));
  // Engine.IO alone lives at its own path.
  CHECK(start_line(*up).starts_with("POST /engine.io/?client=1&EIO=4&transport=polling&t="));
  for (const Message& message : lane.messages) CHECK(message.delivered_at.has_value());
}

TEST_CASE("engine.io: the server pings every pingInterval and the client answers each ping") {
  Scenario scenario = engine_io_scenario(3s);
  scenario.engine_io.ping_interval = 300ms;
  scenario.engine_io.ping_timeout = 200ms;
  const Lane lane = run_one_lane(scenario);
  std::vector<const WireFrame*> pings;
  std::vector<const WireFrame*> pongs;
  for (const WireFrame& frame : lane.frames) {
    if (frame.layer != Layer::websocket) continue;
    const std::string text = websocket_text(frame);
    if (text == "2") pings.push_back(&frame);
    if (text == "3") pongs.push_back(&frame);
  }
  // The first ping is 300 ms after the open (at 150 ms), on polling; the rest on the WebSocket.
  // The browser answers each at once, and the server's next ping is 300 ms after that pong
  // arrived.
  REQUIRE(pings.size() >= 5);
  for (std::size_t i = 0; i < pings.size(); ++i) {
    CAPTURE(i);
    const auto answer = std::find_if(pongs.begin(), pongs.end(), [&](const WireFrame* pong) {
      return pong->sent_at == *pings[i]->received_at;
    });
    REQUIRE(answer != pongs.end());
    if (i + 1 < pings.size() && (*answer)->received_at) {
      CHECK(pings[i + 1]->sent_at == *(*answer)->received_at + 300ms);
    }
  }
  CHECK(handshakes(lane).size() == 1);
}

TEST_CASE("engine.io: a pong later than pingTimeout ends the session, and Socket.IO reconnects") {
  Scenario scenario = engine_io_scenario(6s);
  scenario.engine_io.ping_interval = 1000ms;
  scenario.engine_io.ping_timeout = 1ms;  // a pong needs 100 ms: every session dies at its ping
  const Lane lane = run_one_lane(scenario);
  const auto opens = handshakes(lane);
  REQUIRE(opens.size() >= 2);
  // The first session's open at 150 ms, its ping at 1.15 s, closed at 1.151 s; socket.io's first
  // reconnect waits 1 s +- 50%, then TCP's 100 ms.
  const Nanoseconds gap = opens[1]->sent_at - 1151ms;
  CHECK(gap >= 600ms);
  CHECK(gap <= 1600ms);
  // The second session is the server's second: its id ends in AAAB.
  const WireFrame* second_open = first(
      lane,
      [](const WireFrame& f) { return is_http(f, "response") && body_of(f).starts_with("0{"); },
      opens[1]->sent_at);
  REQUIRE(second_open != nullptr);
  CHECK(body_of(*second_open).substr(25, 4) == "AAAB");
}

TEST_CASE(
    "engine.io: heartbeats keep a session alive through a proxy that closes idle connections") {
  Scenario scenario = engine_io_scenario(150s);
  scenario.proxy.enabled = true;
  scenario.proxy.idle_timeout = 60s;
  add_at(scenario, Direction::server_to_client, {140s});
  const Lane lane = run_one_lane(scenario);
  CHECK(handshakes(lane).size() == 1);
  REQUIRE(lane.messages.size() == 1);
  CHECK(lane.messages[0].delivered_at.has_value());
}

TEST_CASE("engine.io: the same seed gives the same frames") {
  Scenario scenario = engine_io_scenario(3s);
  add_at(scenario, Direction::server_to_client, {500ms, 1000ms});
  const Lane a = run_one_lane(scenario);
  const Lane b = run_one_lane(scenario);
  CHECK(a.frames == b.frames);
  scenario.seed = 8;
  const Lane c = run_one_lane(scenario);
  CHECK_FALSE(a.frames == c.frames);  // the sid, the t= and the masking keys come from the seed
}

TEST_CASE(
    "engine.io: with websocket_only the session opens on a WebSocket, and no proxy helps it") {
  Scenario scenario = engine_io_scenario(3s);
  scenario.engine_io.websocket_only = true;
  add_at(scenario, Direction::server_to_client, {1000ms});
  const Lane lane = run_one_lane(scenario);
  const WireFrame* request = first(lane, [](const WireFrame& f) { return is_http(f, "request"); });
  REQUIRE(request != nullptr);
  CHECK(start_line(*request) == "GET /socket.io/?client=1&EIO=4&transport=websocket HTTP/1.1");
  CHECK(handshakes(lane).empty());
  const WireFrame* open = first(lane, [](const WireFrame& f) {
    return f.layer == Layer::websocket && websocket_text(f).starts_with("0{");
  });
  REQUIRE(open != nullptr);
  CHECK(websocket_text(*open).find("\"upgrades\":[]") != std::string::npos);
  REQUIRE(lane.messages.size() == 1);
  CHECK(lane.messages[0].delivered_at == 1050ms);

  // Behind a proxy that strips Upgrade there is nothing to fall back to: every attempt fails.
  scenario.proxy.enabled = true;
  scenario.proxy.strip_upgrade = true;
  scenario.duration = 10s;
  const Lane blocked = run_one_lane(scenario);
  CHECK_FALSE(blocked.messages[0].delivered_at.has_value());
  int attempts = 0;
  for (const WireFrame& frame : blocked.frames) {
    if (frame.from == kClient && is_http(frame, "request")) ++attempts;
  }
  CHECK(attempts >= 3);
}
