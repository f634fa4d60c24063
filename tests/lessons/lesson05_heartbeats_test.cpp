// Lesson 5, heartbeats: every figure its text states, computed from the scenarios it points at.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/trace/metrics.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "tests/lessons/lesson_support.hpp"

namespace pushlab::lesson_test {

TEST_CASE("lesson 5, heartbeats: the idle proxy's cuts and the pings that prevent them") {
  const LoadedLesson lesson = load("05-heartbeats.md");
  check_final_quiz(lesson.lesson);
  const std::string quiz = lesson.quiz_text();
  namespace ws = sim::wire::websocket;
  const Nanoseconds idle_timeout = 60s;  // idle-proxy's proxy.idle_timeout_s

  SUBCASE("a connection that falls silent is cut 60 s after its last byte") {
    const std::string& text = lesson.step("A connection that falls silent").text;
    const sim::Trace trace = lesson.run("A connection that falls silent");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& response = lane.frames[find_labelled(lane, "101")];
    says(text, "reaches the browser at " + seconds(*response.received_at, 1));
    const sim::Message& first = lane.messages.at(0);
    const std::size_t carried = find_labelled(lane, "WS text");
    says(text, "created at " + seconds(first.created_at, 1) + ",\npasses the proxy at " +
                   seconds(*lane.frames[carried].received_at, 3) + " and arrives at " +
                   seconds(*first.delivered_at, 2));
    const sim::WireFrame& cut = lane.frames.at(12);  // the selected websocket:12
    CHECK(cut.layer == sim::Layer::tcp);
    CHECK(cut.kind == "fin");
    CHECK(cut.connection == lane.frames.at(carried + 1).connection);  // the browser's side
    CHECK(cut.sent_at - *lane.frames[carried].received_at == idle_timeout);
    says(text, "At " + seconds(cut.sent_at, 3) + ", " + std::to_string(idle_timeout / 1s) +
                   " s after the last byte");
    says(quiz, "At " + seconds(cut.sent_at, 3) + ", 60 s after the last byte passed it");
    says(quiz, "passed it at " + seconds(*lane.frames[carried].received_at, 3));
    CHECK(cut.note.find("1006") == std::string::npos);  // the proxy's FIN; the browser's next
    const sim::WireFrame& reported = lane.frames.at(14);
    CHECK(reported.note.find("1006 Abnormal Closure") != std::string::npos);
    says(text, "code 1006,\nAbnormal Closure, at " + seconds(*cut.received_at, 2));
    const std::size_t again = find_labelled(lane, "GET /ws", 14);
    const Nanoseconds reconnect_at = lane.frames.at(again - 3).sent_at;  // its SYN
    CHECK(lane.frames.at(again - 3).kind == "syn");
    says(text, std::to_string((reconnect_at - *cut.received_at) / 1s) + " s later, at " +
                   seconds(reconnect_at, 2));
  }

  SUBCASE("cut again and again: five connections over the run") {
    const std::string& text = lesson.step("Cut again and again").text;
    const sim::Trace trace = lesson.run("Cut again and again");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    std::vector<Nanoseconds> cuts;
    for (const sim::WireFrame& f : lane.frames) {
      if (f.kind == "fin" && f.note.find("idle for 60 s") != std::string::npos &&
          (cuts.empty() || cuts.back() != f.sent_at))
        cuts.push_back(f.sent_at);
    }
    REQUIRE(cuts.size() == 4);
    says(text, "cuts it at " + seconds(cuts[1], 3) + "; the next one at " + seconds(cuts[2], 3) +
                   ",\nand the one after at " + seconds(cuts[3], 3));
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.http_requests == metrics.connections_opened);
    says(text, "opens " + std::to_string(metrics.connections_opened) + " connections and makes\n" +
                   std::to_string(metrics.http_requests) + " opening handshakes: " +
                   std::to_string(metrics.bytes.setup) + " bytes of setup instead of " +
                   std::to_string(metrics.bytes.setup / metrics.connections_opened));
    says(quiz, std::to_string(metrics.connections_opened) + " connections and " +
                   std::to_string(metrics.bytes.setup) + " bytes of setup");
    CHECK(metrics.lost == 0);
    CHECK(metrics.latency.max == metrics.latency.mean);
    says(text, "all " + std::to_string(metrics.delivered) + ", each " + ms(metrics.latency.mean) +
                   " after it was created");
    const sim::WireFrame& selected = lane.frames.at(41);
    REQUIRE(selected.messages == std::vector<sim::MessageId>{1});
    says(text, "message of " + seconds(lane.messages[1].created_at, 1) + ", on the third");
    // The third of the browser's connections: it opened two before this one.
    std::vector<sim::ConnectionId> browser_connections;
    for (const sim::WireFrame& f : lane.frames) {
      if (f.kind == "syn" && f.from == lane.frames.at(0).from)
        browser_connections.push_back(f.connection);
    }
    REQUIRE(browser_connections.size() >= 3);
    CHECK(selected.connection == browser_connections[2]);
  }

  SUBCASE("a ping every 30 s, and the browser's masked pong") {
    const std::string& text = lesson.step("A ping every 30 seconds").text;
    const sim::Trace trace = lesson.run("A ping every 30 seconds");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& ping = lane.frames.at(13);  // the selected websocket:13
    const ws::DecodedFrame ping_frame = decoded(ping);
    CHECK(ping_frame.frame.header.opcode == ws::Opcode::ping);
    CHECK(ping_frame.frame.header.fin);
    CHECK_FALSE(ping_frame.frame.header.masked);
    CHECK(ping_frame.frame.payload.empty());
    const sim::WireFrame& leaving = lane.frames.at(12);
    CHECK(leaving.bytes == ping.bytes);
    says(text, "leaves the server at " + seconds(leaving.sent_at, 2) +
                   " and reaches the browser at " + seconds(*ping.received_at, 1) +
                   "; it is the selected frame, " + std::to_string(ping.size()) + " bytes,\n`" +
                   hex_bytes(ping.bytes, ping.size()) + "`");
    const sim::WireFrame& pong = lane.frames.at(14);
    const ws::DecodedFrame pong_frame = decoded(pong);
    CHECK(pong_frame.frame.header.opcode == ws::Opcode::pong);
    CHECK(pong_frame.frame.header.masked);
    CHECK(pong_frame.frame.payload.empty());
    CHECK(pong.sent_at == *ping.received_at);  // at once
    says(text, "`" + hex_bytes(pong.bytes, 2) + "` and\na masking key, " +
                   std::to_string(pong.size()) + " bytes");
    says(quiz, std::to_string(pong.size()) + " bytes for an empty pong");
    // The longest silence the proxy sees on the browser's side.
    Nanoseconds longest{0};
    Nanoseconds last{0};
    for (const sim::WireFrame& f : lane.frames) {
      if (f.layer != sim::Layer::websocket || f.connection != ping.connection) continue;
      longest = std::max(longest, f.sent_at - last);
      last = f.sent_at;
    }
    CHECK(longest <= 30s);
    CHECK(longest < idle_timeout);
    says(text, "never sees " + std::to_string(idle_timeout / 1s) + " s\nof silence, only 30");
  }

  SUBCASE("what the heartbeat costs and saves: the whole run, with and without pings") {
    const std::string& text = lesson.step("What the heartbeat costs, and what it saves").text;
    const sim::Trace with_trace = lesson.run("What the heartbeat costs, and what it saves");
    const sim::Trace without_trace = lesson.run("Cut again and again");
    const sim::Lane& lane = lane_of(with_trace, Transport::websocket);
    const sim::LaneMetrics with = sim::compute_metrics(lane);
    const sim::LaneMetrics without =
        sim::compute_metrics(lane_of(without_trace, Transport::websocket));
    CHECK(with.connections_opened == 1);
    says(text, std::to_string(with.http_requests) + " opening handshake, " +
                   std::to_string(with.bytes.setup) + " bytes of setup");
    says(text, "the " + std::to_string(with.delivered) + " messages");
    CHECK(with.latency.max == with.latency.mean);
    says(text, "arrive in " + ms(with.latency.mean) + " each as before");
    CHECK(with.latency.mean == without.latency.mean);
    const sim::WireFrame& selected = lane.frames.at(51);
    REQUIRE(selected.messages.size() == 1);
    CHECK(selected.messages[0] + 1 == lane.messages.size());
    std::size_t pings = 0;
    std::size_t pongs = 0;
    std::uint64_t heartbeat_bytes = 0;
    for (const sim::WireFrame& f : lane.frames) {
      // The browser's hop only, as the metrics count it.
      if (f.layer != sim::Layer::websocket || f.connection != selected.connection) continue;
      const ws::Opcode op = decoded(f).frame.header.opcode;
      pings += op == ws::Opcode::ping;
      pongs += op == ws::Opcode::pong;
      if (op == ws::Opcode::ping || op == ws::Opcode::pong) heartbeat_bytes += f.size();
    }
    says(text, std::to_string(pings) + " pings and " + std::to_string(pongs) + " pongs, " +
                   std::to_string(heartbeat_bytes) + " bytes");
    says(quiz, "the " + std::to_string(pings) + " pings and " + std::to_string(pongs) +
                   " pongs cost " + std::to_string(heartbeat_bytes) + " bytes");
    says(quiz, std::to_string(with.connections_opened) + " connection and " +
                   std::to_string(with.bytes.setup) + " bytes");
    says(text, "fall from " + std::to_string(without.bytes.app) + " to\n" +
                   std::to_string(with.bytes.app) + ", and with the modelled TCP/IP headers from " +
                   std::to_string(without.bytes.ip) + " to " + std::to_string(with.bytes.ip));
    CHECK(with.overhead_bytes_per_message > without.overhead_bytes_per_message);
    says(text, "rises from " + fixed(without.overhead_bytes_per_message, 1) + " to " +
                   fixed(with.overhead_bytes_per_message, 1) + "\nbytes");
  }

  SUBCASE("Socket.IO's heartbeat: the server's ping every pingInterval keeps the proxy open") {
    const std::string title = "Socket.IO's heartbeat, built in";
    const std::string& text = lesson.step(title).text;
    const sim::Scenario scenario = scenario_of(lesson, title);
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::engine_io);
    CHECK(scenario.engine_io.ping_interval == 25s);
    CHECK(scenario.engine_io.ping_interval + scenario.engine_io.ping_timeout == 45s);
    CHECK(scenario.engine_io.ping_interval + scenario.engine_io.ping_timeout <
          scenario.proxy.idle_timeout);

    const sim::WireFrame& ping = lane.frames.at(47);  // engine.io:47
    CHECK(lane.endpoints[ping.to].role == sim::EndpointRole::client);
    CHECK(decoded(ping).frame.header.opcode == ws::Opcode::text);
    CHECK(hex_bytes(ping.bytes, ping.bytes.size()) == "81 01 32");
    says(text, "the selected frame, " + std::to_string(ping.size()) + " bytes, `" +
                   hex_bytes(ping.bytes, ping.bytes.size()) + "`, at the browser at " +
                   seconds(*ping.received_at, 1));
    const sim::WireFrame& pong = lane.frames.at(48);
    CHECK(pong.from == ping.to);
    CHECK(pong.sent_at == *ping.received_at);
    CHECK(decoded(pong).frame.payload == sim::wire::to_bytes("3"));
    says(text, "masked, is " + std::to_string(pong.size()) + " bytes");

    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.lost == 0);
    CHECK(metrics.latency.max == metrics.latency.mean);
    says(text, "opens " + std::to_string(metrics.connections_opened) +
                   " connections (the first poll, its POST, the WebSocket) and delivers its " +
                   std::to_string(metrics.delivered) + "\nmessages in " + ms(metrics.latency.mean) +
                   " each");
  }
}

}  // namespace pushlab::lesson_test
