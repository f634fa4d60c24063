// Lesson 11, the chat app interview: every figure its text states, computed from the scenarios
// it points at, the sweep's included, and the requirements it sets checked against them.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "sim/trace/metrics.hpp"
#include "tests/lessons/lesson_support.hpp"

namespace pushlab::lesson_test {

namespace {

// The interviewer's answers: they set the question, so the simulator cannot compute them.
constexpr double kUsers = 1e6;          // "A million online at once"
constexpr Nanoseconds kTarget = 200ms;  // "under 200 ms, even at worst"

const std::vector<Transport> kColumns = {Transport::short_poll, Transport::long_poll,
                                         Transport::websocket, Transport::sse};

double seconds_of(Nanoseconds t) {
  return static_cast<double>(t.count()) / 1e9;
}

// The slowest message going one way, and its latency.
const sim::Message& slowest(const sim::Lane& lane, sim::Direction direction) {
  const sim::Message* found = nullptr;
  for (const sim::Message& m : lane.messages) {
    if (m.direction != direction || !m.delivered_at) continue;
    if (found == nullptr || latency(m) > latency(*found)) found = &m;
  }
  REQUIRE(found != nullptr);
  return *found;
}

std::size_t count_going(const sim::Lane& lane, sim::Direction direction) {
  return static_cast<std::size_t>(
      std::count_if(lane.messages.begin(), lane.messages.end(),
                    [&](const sim::Message& m) { return m.direction == direction; }));
}

// A WebSocket text frame's header: its size less its payload's.
std::uint64_t header_bytes(const sim::Lane& lane, sim::EndpointRole from) {
  for (const sim::WireFrame& f : lane.frames) {
    if (f.layer != sim::Layer::websocket || f.kind != "text") continue;
    if (lane.endpoints.at(f.from).role != from) continue;
    return f.size() - decoded(f).frame.payload.size();
  }
  FAIL("no text frame from that side");
  return 0;
}

}  // namespace

TEST_CASE("lesson 11, the chat app interview: its figures are the simulator's") {
  // Loaded once: doctest runs this body again for every subcase, and loading simulates every
  // step the lesson points at.
  static const LoadedLesson lesson = load("11-interview-chat-app.md");
  check_final_quiz(lesson.lesson);
  CHECK(lesson.lesson.steps.back().quiz.size() >= 5);
  const std::string quiz = lesson.quiz_text();
  const auto s2c = sim::Direction::server_to_client;
  const auto c2s = sim::Direction::client_to_server;

  SUBCASE("clarify the requirements: the chat scenario is one such user") {
    const std::string& text = lesson.step("Clarify the requirements").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Clarify the requirements");
    says(text, "A million online at once");
    REQUIRE(scenario.traffic.size() == 3);
    const auto* others = std::get_if<sim::Poisson>(&scenario.traffic[0].pattern);
    REQUIRE(others != nullptr);
    CHECK(scenario.traffic[0].direction == sim::Direction::server_to_client);
    CHECK(others->rate_per_s == 0.5);
    says(text, "other people's messages, about one every two\nseconds");
    const auto* own = std::get_if<sim::Periodic>(&scenario.traffic[1].pattern);
    REQUIRE(own != nullptr);
    CHECK(scenario.traffic[1].direction == sim::Direction::client_to_server);
    says(text, "one of their own every " + std::to_string(own->interval / 1s) + " s");
    std::size_t smallest = scenario.traffic[0].payload_bytes;
    std::size_t largest = smallest;
    for (const sim::TrafficSource& source : scenario.traffic) {
      smallest = std::min(smallest, source.payload_bytes);
      largest = std::max(largest, source.payload_bytes);
    }
    says(text, std::to_string(smallest) + " to " + std::to_string(largest) + " bytes of payload");
    says(text, "under " + std::to_string(kTarget / 1ms) + " ms, even at worst");
    says(text, "is " + std::to_string(scenario.network.latency / 1ms) + " ms each way");
    CHECK(scenario.duration == 120s);
    says(text, "one such user for two minutes");
    const sim::Trace trace = lesson.run("Clarify the requirements");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& selected = lane.frames.at(5);  // websocket:5
    REQUIRE(selected.messages.size() == 1);
    CHECK(selected.messages[0] == 0);  // the first message of the run
    says(text,
         "the first\nmessage, pushed over WebSocket at " + seconds(lane.messages[0].created_at, 1));
  }

  SUBCASE("estimate: messages and payload per user, then for a million") {
    const std::string& text = lesson.step("Estimate before you simulate").text;
    const sim::Trace trace = lesson.run("Estimate before you simulate");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    const double duration =
        seconds_of(scenario_of(lesson, "Estimate before you simulate").duration);
    says(text, "receives\n" + std::to_string(count_going(lane, s2c)) + " messages and sends " +
                   std::to_string(count_going(lane, c2s)));
    CHECK(metrics.delivered == lane.messages.size());
    const double per_second = static_cast<double>(metrics.delivered) / duration;
    says(text, std::to_string(metrics.delivered) + " messages carrying\n" +
                   std::to_string(metrics.bytes.payload) +
                   " bytes of payload: " + fixed(per_second, 2) + " messages a second per user");
    says(text, fixed(per_second * kUsers / 1e6, 2) + " million messages a second");
    const double payload_bps = static_cast<double>(metrics.bytes.payload) * 8 / duration;
    says(text, fixed(payload_bps * kUsers / 1e6, 1) + " Mbit/s of payload alone");
    // The selected websocket:10 carries the first message the user sends.
    const sim::WireFrame& selected = lane.frames.at(10);
    REQUIRE(selected.messages.size() == 1);
    const sim::Message& sent = lane.messages[selected.messages[0]];
    CHECK(sent.direction == c2s);
    for (const sim::Message& m : lane.messages) {
      if (m.direction == c2s) CHECK(m.created_at >= sent.created_at);
    }
  }

  SUBCASE("compare the four transports: the table, the target, the worst cases") {
    const std::string& text = lesson.step("Compare the four transports").text;
    const sim::Trace trace = lesson.run("Compare the four transports");
    const std::vector<sim::LaneMetrics> lanes = all_metrics(trace);
    says(text, table_row("mean latency", lanes, kColumns,
                         [](const sim::LaneMetrics& m) { return ms(m.latency.mean); }));
    says(text, table_row("worst latency", lanes, kColumns,
                         [](const sim::LaneMetrics& m) { return ms(m.latency.max); }));
    says(text, table_row("overhead per message", lanes, kColumns, [](const sim::LaneMetrics& m) {
           return fixed(m.overhead_bytes_per_message, 1) + " B";
         }));
    says(text, table_row("HTTP requests", lanes, kColumns, [](const sim::LaneMetrics& m) {
           return std::to_string(m.http_requests);
         }));
    says(text, table_row("setup bytes", lanes, kColumns,
                         [](const sim::LaneMetrics& m) { return std::to_string(m.bytes.setup); }));
    says(text,
         table_row("connections at the server", lanes, kColumns, [](const sim::LaneMetrics& m) {
           return std::to_string(m.peak_server_connections);
         }));

    // Only short polling misses the target.
    const sim::LaneMetrics& short_poll = metrics_of(lanes, Transport::short_poll);
    CHECK(short_poll.latency.max >= kTarget);
    for (const Transport t : {Transport::long_poll, Transport::websocket, Transport::sse})
      CHECK(metrics_of(lanes, t).latency.max < kTarget);
    says(text, "up to " + ms(short_poll.latency.max));
    says(quiz, "its worst is " + ms(short_poll.latency.max));

    // Long polling's and SSE's worst: the user's first POST, on a connection it had to open.
    const sim::Lane& long_poll = lane_of(trace, Transport::long_poll);
    const sim::Lane& sse = lane_of(trace, Transport::sse);
    const Nanoseconds transit = 50ms;  // chat's one-way latency
    for (const sim::Lane* lane : {&long_poll, &sse}) {
      const sim::Message& worst = slowest(*lane, c2s);
      CHECK(latency(worst) == sim::compute_metrics(*lane).latency.max);
      CHECK(latency(worst) == 3 * transit);  // SYN, SYN-ACK, then the POST itself
      for (const sim::Message& m : lane->messages) {
        if (m.direction == c2s) CHECK(m.created_at >= worst.created_at);  // the first
      }
    }
    CHECK(slowest(long_poll, c2s).created_at == slowest(sse, c2s).created_at);
    says(text, "The " + ms(latency(slowest(long_poll, c2s))) +
                   " of long polling and SSE + POST is the same message");
    says(quiz,
         "Long polling's worst is " + ms(metrics_of(lanes, Transport::long_poll).latency.max));
    const Nanoseconds pushed_worst = latency(slowest(long_poll, s2c));
    CHECK(pushed_worst > 2 * transit);
    CHECK(pushed_worst <= 3 * transit);
    says(text, "at worst\n" + ms(pushed_worst) + ", three transits");
    says(quiz, "at most three transits, " + ms(pushed_worst));
    CHECK(latency(slowest(sse, s2c)) == transit);
    says(text, "SSE pushes\neverything in one transit, " + ms(latency(slowest(sse, s2c))));

    // WebSocket's setup, and its frame headers each way.
    const sim::Lane& ws = lane_of(trace, Transport::websocket);
    says(text, std::to_string(metrics_of(lanes, Transport::websocket).bytes.setup) +
                   " bytes of opening handshake, and the `101` reaches the browser\nat " +
                   seconds(*ws.frames[find_labelled(ws, "101")].received_at, 1));
    says(text, "with " + std::to_string(header_bytes(ws, sim::EndpointRole::server)) +
                   " bytes of header from the server and " +
                   std::to_string(header_bytes(ws, sim::EndpointRole::client)) +
                   " from the browser");

    // SSE's stream opening: setup too, paid once, and so not in the overhead per message.
    const sim::LaneMetrics& sse_metrics = metrics_of(lanes, Transport::sse);
    const StreamOpening opening = stream_opening(sse);
    CHECK(opening.streams == 1);
    CHECK(opening.bytes == sse_metrics.bytes.setup);
    CHECK(sse_metrics.overhead_bytes_per_message ==
          doctest::Approx(static_cast<double>(sse_metrics.bytes.app - sse_metrics.bytes.setup -
                                              sse_metrics.bytes.payload) /
                          static_cast<double>(sse_metrics.delivered)));
    says(text, "SSE + POST pays once too: " + std::to_string(opening.bytes) +
                   " bytes to open its stream");
  }

  SUBCASE("scale it up: the sweep at 100 and 200 users, and the straight line to a million") {
    const std::string& text = lesson.step("Scale it up with a sweep").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Scale it up with a sweep");
    const int fewer = scenario.clients;
    const int more = 2 * fewer;
    says(text, "`pushlab-cli sweep scenarios/chat.json --clients " + std::to_string(fewer) + "," +
                   std::to_string(more) + "`");
    says(text, "simulates " + std::to_string(fewer) + " users, then " + std::to_string(more));
    const DoubledSweep sweep = doubled_sweep(scenario, text, kColumns);
    const std::vector<sim::LaneMetrics>& row_more = sweep.row_more;
    const double ws_fewer = sweep.per_client(Transport::websocket, false);
    const double ws_more = sweep.per_client(Transport::websocket, true);
    const double poll_more = sweep.per_client(Transport::short_poll, true);
    says(text, "WebSocket costs " + fixed(ws_fewer, 1) + " bit/s at " + std::to_string(fewer) +
                   " users and\n" + fixed(ws_more, 1) + " bit/s at " + std::to_string(more));
    says(quiz, fixed(ws_fewer, 1) + " bit/s at " + std::to_string(fewer) + " users, " +
                   fixed(ws_more, 1) + " at " + std::to_string(more));
    says(text, "about " + fixed(ws_more * kUsers / 1e9, 2) + " Gbit/s\nover WebSocket, and " +
                   fixed(poll_more * kUsers / 1e9, 2) + " Gbit/s with short polling");

    const double seconds = seconds_of(scenario.duration);
    const double polls_per_user =
        static_cast<double>(metrics_of(row_more, Transport::short_poll).http_requests) / more /
        seconds;
    says(text, "At " + std::to_string(more) + " users, short polling makes " +
                   fixed(polls_per_user, 2) + " requests a second per user:\n" +
                   fixed(polls_per_user * kUsers / 1e6, 2) + " million a second");
    const sim::LaneMetrics& ws = metrics_of(row_more, Transport::websocket);
    CHECK(ws.http_requests == static_cast<std::uint64_t>(more));  // one handshake each
    CHECK(ws.connections_opened == static_cast<std::uint64_t>(more));
    says(text, "the server holds " + std::to_string(ws.peak_server_connections) +
                   " WebSocket connections,\none per user, and " +
                   std::to_string(metrics_of(row_more, Transport::sse).peak_server_connections) +
                   " for SSE + POST");
    CHECK(ws.peak_server_connections == static_cast<std::uint64_t>(more));
  }

  SUBCASE("decide and defend: WebSocket's figures") {
    const std::string& text = lesson.step("Decide and defend").text;
    const sim::Trace trace = lesson.run("Decide and defend");
    const sim::Lane& ws_lane = lane_of(trace, Transport::websocket);
    const sim::Lane& sse_lane = lane_of(trace, Transport::sse);
    const sim::LaneMetrics ws = sim::compute_metrics(ws_lane);
    const sim::LaneMetrics sse = sim::compute_metrics(sse_lane);
    const sim::LaneMetrics poll = sim::compute_metrics(lane_of(trace, Transport::short_poll));
    CHECK(ws.latency.max == ws.latency.mean);
    says(text, "each\n  message in one transit: " + ms(ws.latency.max) + ", at worst too");
    says(text, fixed(ws.overhead_bytes_per_message, 1) + " bytes of overhead, against " +
                   fixed(sse.overhead_bytes_per_message, 1) + " for SSE + POST and " +
                   fixed(poll.overhead_bytes_per_message, 1) + "\n  for short polling");
    CHECK(ws.connections_opened == 1);
    says(text, "Its handshake, " + std::to_string(ws.bytes.setup) +
                   " bytes, is paid once per connection");
    says(text, "It makes " + std::to_string(ws.http_requests) + " HTTP request per connection");
    const std::size_t streams = count_labelled(sse_lane, "GET /events");
    const std::size_t posts = count_labelled(sse_lane, "POST /send");
    CHECK(streams == 1);
    CHECK(streams + posts == sse.http_requests);
    CHECK(posts == count_going(sse_lane, c2s));
    says(text, "SSE + POST makes " + std::to_string(sse.http_requests) +
                   " in two minutes: the stream's\n  `GET`, then a `POST` for each of the " +
                   std::to_string(posts) + " messages the user sends");
    says(quiz, "the user's " + std::to_string(posts) + " messages become " + std::to_string(posts) +
                   " POST requests");
    says(quiz, "SSE + POST spends " + fixed(sse.overhead_bytes_per_message, 1) +
                   " bytes of overhead per message against WebSocket's " +
                   fixed(ws.overhead_bytes_per_message, 1));
    says(quiz, "SSE pushes in " + ms(latency(slowest(sse_lane, s2c))));
    // The selected websocket:15: one of the user's own messages, masked.
    const sim::WireFrame& selected = ws_lane.frames.at(15);
    CHECK(ws_lane.endpoints.at(selected.from).role == sim::EndpointRole::client);
    CHECK(decoded(selected).frame.header.masked);
    CHECK(selected.connection == ws_lane.frames.at(5).connection);
    says(text, "one of the user's own messages on the WebSocket: " +
                   std::to_string(selected.size()) + " bytes, masked");
  }

  SUBCASE("what will go wrong: a proxy strips Upgrade, and SSE + POST still delivers") {
    const std::string& text = lesson.step("What will go wrong").text;
    const sim::Trace trace = lesson.run("What will go wrong");
    const sim::LaneMetrics ws = sim::compute_metrics(lane_of(trace, Transport::websocket));
    const sim::LaneMetrics sse = sim::compute_metrics(lane_of(trace, Transport::sse));
    const std::uint64_t messages = ws.delivered + ws.lost;
    CHECK(sse.lost == 0);
    CHECK(sse.delivered == messages);
    says(text, std::to_string(ws.delivered) + " of the " + std::to_string(messages) +
                   " messages arrive over WebSocket, while SSE + POST,\n  plain HTTP, delivers "
                   "all " +
                   std::to_string(sse.delivered));
    says(quiz, "WebSocket delivers " + std::to_string(ws.delivered) + " of " +
                   std::to_string(messages) + " messages and SSE + POST delivers all " +
                   std::to_string(sse.delivered));
    for (const char* lesson_number : {"lesson 3", "lesson 9", "lesson 5", "lesson 6", "lesson 10"})
      says(text, lesson_number);
  }

  SUBCASE("one-line answers: each figure they quote") {
    const std::string& text = lesson.step("One-line answers").text;
    CHECK(occurrences(text, "**One-line answer:**") == 4);
    const sim::Trace trace = lesson.run("One-line answers");
    const std::vector<sim::LaneMetrics> lanes = all_metrics(trace);
    const sim::LaneMetrics& ws = metrics_of(lanes, Transport::websocket);
    const sim::LaneMetrics& poll = metrics_of(lanes, Transport::short_poll);
    const sim::LaneMetrics& long_poll = metrics_of(lanes, Transport::long_poll);
    const sim::LaneMetrics& sse = metrics_of(lanes, Transport::sse);
    CHECK(ws.latency.max == ws.latency.mean);
    says(text, "one transit per message (" + ms(ws.latency.mean) + " here), " +
                   fixed(ws.overhead_bytes_per_message, 1) + " bytes of overhead per message");
    says(text, "the next poll, " + ms(poll.latency.mean) + " on\n  average, and spends " +
                   fixed(poll.overhead_bytes_per_message, 1) +
                   " bytes per message; long polling spends " +
                   fixed(long_poll.overhead_bytes_per_message, 1) +
                   " bytes and a request per\n  message");
    CHECK(long_poll.http_requests == long_poll.delivered);
    says(text, "plain HTTP, " + ms(sse.latency.mean) + " on average, " +
                   fixed(sse.overhead_bytes_per_message, 1) + " bytes per message");
    // The million users' figure is the sweep's, from the scale step's larger run (its WebSocket
    // lane alone: the lanes are independent runs).
    sim::Scenario scale = scenario_of(lesson, "Scale it up with a sweep");
    scale.lanes = {Transport::websocket};
    const int users = 2 * scale.clients;
    const sim::LaneMetrics at_scale = metrics_of(sweep_row(scale, users), Transport::websocket);
    const double per_user = sweep_bandwidth_bps(at_scale, scale.duration) / users;
    says(text, "about " + fixed(per_user * kUsers / 1e9, 2) +
                   " Gbit/s and a million open\n  connections");
    CHECK(at_scale.peak_server_connections == static_cast<std::uint64_t>(users));
  }

  SUBCASE("follow-up questions: each with its answer, figures from the chat") {
    const std::string& text = lesson.step("Follow-up questions").text;
    CHECK(occurrences(text, "- **") >= 4);
    CHECK(occurrences(text, "?**") == occurrences(text, "- **"));
    const sim::Trace trace = lesson.run("Follow-up questions");
    says(text, "WebSocket's " +
                   std::to_string(header_bytes(lane_of(trace, Transport::websocket),
                                               sim::EndpointRole::server)) +
                   "-byte frame header");
  }
}

}  // namespace pushlab::lesson_test
