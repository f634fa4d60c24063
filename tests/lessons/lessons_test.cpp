// The shipped lessons: each loads and points at frames that exist, and every figure its text
// states is computed here from the step's own scenario (its `set` applied) and looked for in the
// step's text, so that a change to the simulator that changes a figure fails here until the
// lesson is rewritten.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/lesson/load.hpp"
#include "sim/lesson/step_scenarios.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/transports/simulate.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"
#include "sim/wire/websocket/handshake.hpp"
#include "sim/wire/websocket/mask.hpp"
#include "viz/model/frame_label.hpp"
#include "viz/model/lesson_check.hpp"

namespace pushlab {

namespace {

using namespace std::chrono_literals;
using sim::Nanoseconds;
using sim::Transport;

std::string without_backticks(std::string_view text) {
  std::string out(text);
  std::erase(out, '`');
  return out;
}

// A lesson as the window walks it: each step with the scenario it shows.
struct LoadedLesson {
  sim::Lesson lesson;
  std::vector<std::optional<sim::Scenario>> scenarios;

  // By its heading as written; md4c may keep or drop a heading's backticks.
  const sim::LessonStep& step(std::string_view title) const {
    const auto found =
        std::find_if(lesson.steps.begin(), lesson.steps.end(), [&](const sim::LessonStep& s) {
          return without_backticks(s.title) == without_backticks(title);
        });
    REQUIRE_MESSAGE(found != lesson.steps.end(), "no step titled " << title);
    return *found;
  }

  // The step's scenario, simulated.
  sim::Trace run(std::string_view title) const {
    const auto index = static_cast<std::size_t>(&step(title) - lesson.steps.data());
    REQUIRE(scenarios[index]);
    return sim::simulate(*scenarios[index]);
  }

  // Every quiz question's text, choices and explanation, for figures quoted there.
  std::string quiz_text() const {
    std::string text;
    for (const sim::LessonStep& s : lesson.steps) {
      for (const sim::QuizQuestion& q : s.quiz) {
        text += q.question + "\n" + q.why + "\n";
        for (const std::string& choice : q.choices) text += choice + "\n";
      }
    }
    return text;
  }
};

LoadedLesson load(const char* name) {
  const std::filesystem::path file = std::filesystem::path(PUSHLAB_SOURCE_DIR) / "lessons" / name;
  LoadedLesson loaded{sim::load_lesson_file(file), {}};
  viz::check_lesson(loaded.lesson, file);  // every scenario, time and frame exists
  loaded.scenarios = sim::step_scenarios(loaded.lesson, file);
  return loaded;
}

// The issue asks that each lesson end with a quiz of at least four questions.
void check_final_quiz(const sim::Lesson& lesson) {
  REQUIRE_FALSE(lesson.steps.empty());
  CHECK(lesson.steps.back().quiz.size() >= 4);
}

// Runs of spaces and line breaks as one space, so that a phrase may wrap in the Markdown.
std::string squeezed(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n';
    if (!space)
      out += c;
    else if (out.empty() || out.back() != ' ')
      out += ' ';
  }
  return out;
}

// The figure, as written, must appear in the text.
void says(std::string_view text, const std::string& phrase) {
  CHECK_MESSAGE(squeezed(text).find(squeezed(phrase)) != std::string::npos,
                "the text should say: " << phrase);
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}
std::string ms(Nanoseconds t) {
  return fixed(static_cast<double>(t.count()) / 1e6, 1) + " ms";
}
std::string seconds(Nanoseconds t, int decimals) {
  return fixed(static_cast<double>(t.count()) / 1e9, decimals) + " s";
}

const sim::Lane& lane_of(const sim::Trace& trace, Transport transport) {
  const auto found = std::find_if(trace.lanes.begin(), trace.lanes.end(),
                                  [&](const sim::Lane& l) { return l.transport == transport; });
  REQUIRE(found != trace.lanes.end());
  return *found;
}

bool labelled(const sim::WireFrame& frame, std::string_view start) {
  return viz::frame_label(frame).starts_with(start);
}

// The index of the first frame at or after `from` whose label starts with `start`.
std::size_t find_labelled(const sim::Lane& lane, std::string_view start, std::size_t from = 0) {
  for (std::size_t i = from; i < lane.frames.size(); ++i) {
    if (labelled(lane.frames[i], start)) return i;
  }
  FAIL("no frame labelled " << start);
  return 0;
}

std::size_t count_labelled(const sim::Lane& lane, std::string_view start) {
  return static_cast<std::size_t>(
      std::count_if(lane.frames.begin(), lane.frames.end(), [&](const sim::WireFrame& frame) {
        return frame.layer == sim::Layer::http && labelled(frame, start);
      }));
}

Nanoseconds latency(const sim::Message& message) {
  REQUIRE(message.delivered_at);
  return *message.delivered_at - message.created_at;
}

std::string text_of(const sim::WireFrame& frame) {
  return {reinterpret_cast<const char*>(frame.bytes.data()), frame.bytes.size()};
}

// An HTTP message's head as a Markdown code block shows it: LF line ends, no blank last line.
std::string head_as_shown(const sim::WireFrame& frame) {
  const std::string text = text_of(frame);
  std::string head = text.substr(0, text.find("\r\n\r\n"));
  for (std::size_t at; (at = head.find("\r\n")) != std::string::npos;) head.replace(at, 2, "\n");
  return head;
}

std::string hex(const sim::wire::Sha1Digest& digest) {
  std::string out;
  static constexpr char kDigits[] = "0123456789abcdef";
  for (const std::uint8_t byte : digest) {
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0xf];
  }
  return out;
}

// The first `count` bytes as the lessons write them: "81 14".
std::string hex_bytes(sim::wire::ByteView bytes, std::size_t count) {
  std::string out;
  static constexpr char kDigits[] = "0123456789abcdef";
  for (std::size_t i = 0; i < count && i < bytes.size(); ++i) {
    if (i > 0) out += ' ';
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xf];
  }
  return out;
}

// A WebSocket frame of the Trace, taken apart as a reader with no role does.
sim::wire::websocket::DecodedFrame decoded(const sim::WireFrame& frame) {
  sim::wire::websocket::FrameDecoder decoder;
  decoder.feed(frame.bytes);
  auto result = decoder.next();
  REQUIRE(result);
  return *result;
}

}  // namespace

TEST_CASE("lesson 1, short polling: its figures are the simulator's") {
  const LoadedLesson lesson = load("01-short-polling.md");
  check_final_quiz(lesson.lesson);
  const std::string quiz = lesson.quiz_text();

  SUBCASE("one request, one response: the first poll and its empty answer") {
    const std::string& text = lesson.step("One request, one response").text;
    const sim::Trace trace = lesson.run("One request, one response");
    const sim::Lane& lane = lane_of(trace, Transport::short_poll);
    const sim::WireFrame& poll = lane.frames[find_labelled(lane, "GET /poll")];
    const sim::WireFrame& answer = lane.frames[find_labelled(lane, "204 No Content")];
    CHECK(poll.sent_at == 100ms);  // after SYN, SYN-ACK, ACK at 50 ms each way
    says(text, "can only leave at " + seconds(poll.sent_at, 1));
    says(text, "`GET /poll`: " + std::to_string(poll.size()) + " bytes");
    says(text, "`204 No Content`: " + std::to_string(answer.size()) + " bytes");
    says(text, "reaches the browser at " + seconds(*answer.received_at, 1));
  }

  SUBCASE("a message waits for the next poll: 100 ms, then 900 ms") {
    const std::string& text = lesson.step("A message waits for the next poll").text;
    const sim::Trace trace = lesson.run("A message waits for the next poll");
    const sim::Lane& lane = lane_of(trace, Transport::short_poll);
    const sim::Message& first = lane.messages.at(0);
    const sim::Message& second = lane.messages.at(1);
    CHECK(first.created_at == 1s);
    CHECK(second.created_at == 1200ms);
    says(text, "delivered after " + std::to_string(latency(first) / 1ms) + " ms");
    says(text, "arrives at " + seconds(*second.delivered_at, 1) + ": " +
                   std::to_string(latency(second) / 1ms) + " ms after it was created");
    says(quiz, "answered at " + seconds(*second.delivered_at, 1) + ": " +
                   std::to_string(latency(second) / 1ms) + " ms");
    // The selected frame, short-poll:8, is the 200 OK that carries the second message.
    CHECK(labelled(lane.frames.at(8), "200 OK"));
    CHECK(lane.frames.at(8).messages == std::vector<sim::MessageId>{1});
  }

  SUBCASE("counting the wasted requests over the whole chat") {
    const std::string& text = lesson.step("Counting the wasted requests").text;
    const sim::Trace trace = lesson.run("Counting the wasted requests");
    const sim::Lane& lane = lane_of(trace, Transport::short_poll);
    const sim::LaneMetrics poll = sim::compute_metrics(lane);
    const sim::LaneMetrics ws = sim::compute_metrics(lane_of(trace, Transport::websocket));
    const std::size_t polls = count_labelled(lane, "GET /poll");
    const std::size_t sends = count_labelled(lane, "POST /send");
    CHECK(polls + sends == poll.http_requests);
    says(text, std::to_string(poll.delivered) + " messages are delivered");
    says(text, std::to_string(poll.http_requests) +
                   " HTTP requests for them: " + std::to_string(polls) + " polls, and " +
                   std::to_string(sends) + " `POST /send`");
    says(text, "Of the " + std::to_string(polls) + " polls, " +
                   std::to_string(poll.empty_responses) + " come back empty");
    says(text, ms(poll.latency.mean) + " on average");
    says(text, "takes " + ms(ws.latency.mean));
    says(text, fixed(poll.overhead_bytes_per_message, 1) + " bytes of overhead per message");
    says(text, "WebSocket " + fixed(ws.overhead_bytes_per_message, 1));
    // The selected frame, short-poll:12, is an empty answer arriving at 4.1 s.
    CHECK(labelled(lane.frames.at(12), "204 No Content"));
    CHECK(lane.frames.at(12).received_at == 4100ms);
  }

  SUBCASE("rare messages: notifications, nearly every poll empty") {
    const std::string& text = lesson.step("When messages are rare").text;
    const sim::Trace trace = lesson.run("When messages are rare");
    const sim::LaneMetrics poll = sim::compute_metrics(lane_of(trace, Transport::short_poll));
    const sim::LaneMetrics ws = sim::compute_metrics(lane_of(trace, Transport::websocket));
    CHECK(ws.delivered == poll.delivered);
    says(text, "Only " + std::to_string(poll.delivered) + " arrive");
    says(text, std::to_string(poll.http_requests) + " requests, of which " +
                   std::to_string(poll.empty_responses) + " come back empty");
    says(quiz, std::to_string(poll.empty_responses) + " of the " +
                   std::to_string(poll.http_requests) + " requests");
    says(text, std::to_string(poll.bytes.app) + " bytes of HTTP to deliver " +
                   std::to_string(poll.bytes.payload) + " bytes");
    says(text, std::to_string(ws.bytes.app) + " bytes for the same " +
                   std::to_string(ws.delivered) + " notifications");
  }

  SUBCASE("polling four times a second: less latency, many more requests") {
    const std::string& text = lesson.step("Polling faster is not a fix").text;
    const sim::Trace fast_trace = lesson.run("Polling faster is not a fix");
    const sim::LaneMetrics fast = sim::compute_metrics(lane_of(fast_trace, Transport::short_poll));
    const sim::Trace slow_trace = lesson.run("Counting the wasted requests");
    const sim::LaneMetrics slow = sim::compute_metrics(lane_of(slow_trace, Transport::short_poll));
    CHECK(fast.latency.mean < slow.latency.mean);
    CHECK(fast.http_requests > slow.http_requests);
    says(text,
         "waits " + ms(fast.latency.mean) + " on average instead of " + ms(slow.latency.mean));
    says(text, std::to_string(fast.http_requests) + " HTTP requests instead of " +
                   std::to_string(slow.http_requests) + ", and " +
                   std::to_string(fast.empty_responses) + " of them come back empty");
    says(quiz, "from " + ms(slow.latency.mean) + " to " + ms(fast.latency.mean) +
                   ", but requests rise from " + std::to_string(slow.http_requests) + " to " +
                   std::to_string(fast.http_requests));
  }
}

TEST_CASE("lesson 2, long polling: the hold, three transits, the timeout cycle") {
  const LoadedLesson lesson = load("02-long-polling.md");
  check_final_quiz(lesson.lesson);
  const std::string quiz = lesson.quiz_text();

  SUBCASE("the held request: nothing crosses until the first message, which takes 50 ms") {
    const std::string& text = lesson.step("The held request").text;
    const sim::Trace trace = lesson.run("The held request");
    const sim::Lane& lane = lane_of(trace, Transport::long_poll);
    const std::size_t request = find_labelled(lane, "GET /lp");
    const sim::WireFrame& held = lane.frames[request];
    const sim::WireFrame& answer = lane.frames.at(request + 1);
    says(text, "sends `GET /lp` at " + seconds(held.sent_at, 1));
    says(text, "reaches the server at " + seconds(*held.received_at, 2));
    CHECK(answer.sent_at == 1s);  // nothing in between: the request is held
    CHECK(labelled(answer, "200 OK"));
    const sim::Message& first = lane.messages.at(0);
    CHECK(first.created_at == 1s);
    says(text, "has it at " + seconds(*first.delivered_at, 2) + ": " +
                   std::to_string(latency(first) / 1ms) + " ms");
  }

  SUBCASE("asking again at once: the second message finds the request waiting") {
    const std::string& text = lesson.step("Asking again at once").text;
    const sim::Trace trace = lesson.run("Asking again at once");
    const sim::Lane& lane = lane_of(trace, Transport::long_poll);
    const sim::WireFrame& again = lane.frames.at(5);  // the selected long-poll:5
    CHECK(labelled(again, "GET /lp"));
    says(text, "at " + seconds(again.sent_at, 2) + ". That request reaches the server at " +
                   seconds(*again.received_at, 1));
    const sim::Message& second = lane.messages.at(1);
    CHECK(second.created_at == 1200ms);
    CHECK(second.created_at > *again.received_at);
    says(text, "delivered at " + seconds(*second.delivered_at, 2) + ": " +
                   std::to_string(latency(second) / 1ms) + " ms again");
  }

  SUBCASE("the worst case is three transits") {
    const std::string& text = lesson.step("The worst case: three transits").text;
    const sim::Trace trace = lesson.run("The worst case: three transits");
    const sim::Lane& lane = lane_of(trace, Transport::long_poll);
    const Nanoseconds transit = 50ms;  // chat's network.latency_ms
    for (const sim::Message& m : lane.messages) {
      if (m.direction == sim::Direction::server_to_client) CHECK(latency(m) <= 3 * transit);
    }
    // The selected frame, long-poll:25, answers at once with a message that came just after
    // the one before it had left.
    const sim::WireFrame& answer = lane.frames.at(25);
    REQUIRE(answer.messages.size() == 1);
    const sim::MessageId late_id = answer.messages[0];
    REQUIRE(late_id > 0);
    const sim::Message& late = lane.messages.at(late_id);
    const sim::Message& before = lane.messages.at(late_id - 1);
    // ...and the one before it left at once, in long-poll:23.
    CHECK(lane.frames.at(23).messages == std::vector<sim::MessageId>{late_id - 1});
    CHECK(lane.frames.at(23).sent_at == before.created_at);
    const Nanoseconds gap = late.created_at - before.created_at;
    CHECK(latency(late) == 3 * transit - gap);
    says(text, "created at " + seconds(before.created_at, 3));
    says(text, ms(gap).substr(0, ms(gap).size() - 3) + " ms later another message");
    says(text, "arrives " + ms(latency(late)) + " after it was created");
    says(text, "less the " + ms(gap));
    says(quiz, ms(gap) + " behind another arrives after " + ms(latency(late)));
    const sim::LaneMetrics lp = sim::compute_metrics(lane);
    const sim::LaneMetrics ws = sim::compute_metrics(lane_of(trace, Transport::websocket));
    says(text,
         "mean latency is " + ms(lp.latency.mean) + " against WebSocket's " + ms(ws.latency.mean));
  }

  SUBCASE("the timeout cycle in notifications") {
    const std::string& text = lesson.step("The timeout cycle").text;
    const sim::Trace trace = lesson.run("The timeout cycle");
    const sim::Lane& lane = lane_of(trace, Transport::long_poll);
    const std::size_t request = find_labelled(lane, "GET /lp");
    const std::size_t first_empty = find_labelled(lane, "204 No Content");
    const std::size_t second_empty = find_labelled(lane, "204 No Content", first_empty + 1);
    const Nanoseconds held = lane.frames[first_empty].sent_at - *lane.frames[request].received_at;
    CHECK(held == 30s);  // long_poll.timeout_s
    says(text, "reaches the server at " + seconds(*lane.frames[request].received_at, 2) +
                   " and is answered empty at " + seconds(lane.frames[first_empty].sent_at, 2));
    says(text,
         "every " +
             seconds(lane.frames[second_empty].sent_at - lane.frames[first_empty].sent_at, 1));
    says(text, "first notification comes at " + seconds(lane.messages.at(0).created_at, 1));
    const sim::LaneMetrics lp = sim::compute_metrics(lane);
    const sim::LaneMetrics poll = sim::compute_metrics(lane_of(trace, Transport::short_poll));
    says(text, std::to_string(lp.http_requests) + " requests, and " +
                   std::to_string(lp.empty_responses) + " of them end with an empty");
    says(text, "Short polling, in the same run, made " + std::to_string(poll.http_requests));
    says(text, "each of the " + std::to_string(lp.delivered) + " notifications arrives\n" +
                   ms(lp.latency.mean));
    says(quiz, "makes " + std::to_string(lp.http_requests) + " requests in ten minutes. Why are " +
                   std::to_string(lp.empty_responses));
  }

  SUBCASE("a shorter timeout: more requests, the same deliveries") {
    const std::string& text = lesson.step("A shorter timeout").text;
    const sim::Trace shorter_trace = lesson.run("A shorter timeout");
    const sim::LaneMetrics shorter =
        sim::compute_metrics(lane_of(shorter_trace, Transport::long_poll));
    const sim::Trace longer_trace = lesson.run("The timeout cycle");
    const sim::LaneMetrics longer =
        sim::compute_metrics(lane_of(longer_trace, Transport::long_poll));
    CHECK(shorter.delivered == longer.delivered);
    CHECK(longer.latency.max == 50ms);  // with a 30 s timeout, every notification in one transit
    // With 10 s, one notification comes after an empty 204 left and before the next GET /lp
    // reached the server: a gap with no request held.
    const sim::Lane& lane = lane_of(shorter_trace, Transport::long_poll);
    const auto late = std::max_element(
        lane.messages.begin(), lane.messages.end(),
        [](const sim::Message& a, const sim::Message& b) { return latency(a) < latency(b); });
    REQUIRE(late != lane.messages.end());
    CHECK(latency(*late) == shorter.latency.max);
    bool in_gap = false;
    for (std::size_t i = 0; i + 1 < lane.frames.size(); ++i) {
      const sim::WireFrame& empty = lane.frames[i];
      if (!labelled(empty, "204 No Content")) continue;
      const std::size_t next = find_labelled(lane, "GET /lp", i + 1);
      in_gap |=
          empty.sent_at < late->created_at && late->created_at < *lane.frames[next].received_at;
    }
    CHECK(in_gap);
    says(text, "waits " + ms(shorter.latency.max) + " instead of " +
                   std::to_string(longer.latency.max / 1ms) + " ms");
    says(quiz, "waits " + ms(shorter.latency.max));
    says(text, "The " + std::to_string(shorter.delivered) + " notifications still arrive");
    says(text, "makes " + std::to_string(shorter.http_requests) + " requests, " +
                   std::to_string(shorter.empty_responses) + " of them empty");
    says(quiz, std::to_string(shorter.http_requests) + " instead of " +
                   std::to_string(longer.http_requests));
  }
}

TEST_CASE("lesson 3, the WebSocket opening handshake: its bytes are the simulator's") {
  const LoadedLesson lesson = load("03-websocket-handshake.md");
  check_final_quiz(lesson.lesson);
  const std::string quiz = lesson.quiz_text();
  namespace ws = sim::wire::websocket;

  SUBCASE("the request, shown byte for byte") {
    const std::string& text = lesson.step("The request: `Upgrade: websocket`").text;
    const sim::Trace trace = lesson.run("The request: `Upgrade: websocket`");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& request = lane.frames[find_labelled(lane, "GET /ws")];
    says(text, "at " + seconds(request.sent_at, 1) + ", the browser sends");
    says(text, "request of\n" + std::to_string(request.size()) + " bytes");
    says(text, "```\n" + head_as_shown(request) + "\n```");
  }

  SUBCASE("the accept value: the RFC's example and chat's own key") {
    const std::string& text = lesson.step("Computing the accept value").text;
    const ws::AcceptComputation rfc = ws::compute_accept("dGhlIHNhbXBsZSBub25jZQ==");
    CHECK(rfc.accept == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");  // RFC 6455 section 1.3
    says(text, "`" + rfc.key_and_guid.substr(rfc.key.size()) + "`");
    says(text, "SHA-1 of those " + std::to_string(rfc.key_and_guid.size()) + " bytes: `" +
                   hex(rfc.sha1) + "`");
    says(text, "`" + rfc.accept + "`");
    says(quiz, "dGhlIHNhbXBsZSBub25jZQ== gives " + rfc.accept);

    const sim::Trace trace = lesson.run("Computing the accept value");

    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const std::string request = text_of(lane.frames[find_labelled(lane, "GET /ws")]);
    const std::string field = "Sec-WebSocket-Key: ";
    const std::size_t at = request.find(field);
    REQUIRE(at != std::string::npos);
    const std::string key =
        request.substr(at + field.size(), request.find("\r\n", at) - at - field.size());
    const std::string accept = ws::compute_accept(key).accept;
    says(text, "the key is\n`" + key + "`");
    says(text, "`pushlab-cli handshake --key " + key + "` gives\n`" + accept + "`");
    const std::string response = text_of(lane.frames[find_labelled(lane, "101")]);
    CHECK(response.find("Sec-WebSocket-Accept: " + accept + "\r\n") != std::string::npos);
  }

  SUBCASE("101 Switching Protocols, the setup bytes and the first frame") {
    const std::string& text = lesson.step("`101 Switching Protocols`").text;
    const sim::Trace trace = lesson.run("`101 Switching Protocols`");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& request = lane.frames[find_labelled(lane, "GET /ws")];
    const sim::WireFrame& response = lane.frames[find_labelled(lane, "101 Switching Protocols")];
    says(text, "answer is " + std::to_string(response.size()) +
                   " bytes and reaches the browser at " + seconds(*response.received_at, 1));
    says(text, "```\n" + head_as_shown(response) + "\n```");
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.bytes.setup == request.size() + response.size());
    says(text, "cost " + std::to_string(metrics.bytes.setup) + " bytes (" +
                   std::to_string(request.size()) + " + " + std::to_string(response.size()) + ")");
    says(quiz, std::to_string(metrics.bytes.setup) + " bytes, once per connection");
    // The selected frame, websocket:5, carries the first message.
    const sim::WireFrame& frame = lane.frames.at(5);
    CHECK(frame.layer == sim::Layer::websocket);
    REQUIRE(frame.messages == std::vector<sim::MessageId>{0});
    const sim::Message& first = lane.messages[0];
    CHECK(first.created_at == 1s);
    says(text, "text frame of " + std::to_string(frame.size()) + " bytes (" +
                   std::to_string(frame.size() - first.payload_bytes) + " of\nheader, " +
                   std::to_string(first.payload_bytes) + " of payload)");
    says(text, "delivered " + std::to_string(latency(first) / 1ms) + " ms later");
  }

  SUBCASE("a proxy that strips Upgrade: 400, and nothing delivered") {
    const std::string& text = lesson.step("When the `Upgrade` does not arrive").text;
    const sim::Trace trace = lesson.run("When the `Upgrade` does not arrive");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    CHECK(count_labelled(lane, "101") == 0);
    CHECK(count_labelled(lane, "400 Bad Request") > 0);
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.delivered == 0);
    says(text, "run's " + std::to_string(metrics.lost) + " messages, none is delivered");
  }
}

TEST_CASE("lesson 4, WebSocket frames: their bytes are the simulator's") {
  const LoadedLesson lesson = load("04-websocket-frames.md");
  check_final_quiz(lesson.lesson);
  const std::string quiz = lesson.quiz_text();
  namespace ws = sim::wire::websocket;

  SUBCASE("FIN and the opcode: chat's first frame, and Hello built and decoded") {
    const std::string& text = lesson.step("FIN and the opcode: the first byte").text;
    const sim::Trace trace = lesson.run("FIN and the opcode: the first byte");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& frame = lane.frames.at(5);  // the selected websocket:5
    REQUIRE(frame.messages == std::vector<sim::MessageId>{0});
    CHECK(lane.messages[0].created_at == 1s);
    const ws::DecodedFrame first = decoded(frame);
    CHECK(first.frame.header.fin);
    CHECK(first.frame.header.opcode == ws::Opcode::text);
    CHECK_FALSE(first.frame.header.masked);
    CHECK(first.header_size == 2);
    says(text, std::to_string(frame.size()) + " bytes, of which " +
                   std::to_string(first.frame.payload.size()) + " are\npayload. It begins `" +
                   hex_bytes(frame.bytes, 2) + "`");
    says(text, "`0x" + hex_bytes(frame.bytes, 1) + "`, is four fields");
    says(text,
         "`0x" + hex_bytes(sim::wire::ByteView(frame.bytes).subspan(1), 1) + "`, is the MASK bit");
    says(text, "low seven bits: " + std::to_string(first.frame.header.payload_length));
    says(quiz, "length of " + std::to_string(first.frame.header.payload_length));
    using Op = ws::Opcode;
    for (const auto& [op, written] :
         {std::pair{Op::continuation, "`0x0` continuation"}, std::pair{Op::binary, "`0x2` binary"},
          std::pair{Op::close, "`0x8` close"}, std::pair{Op::ping, "`0x9` ping"},
          std::pair{Op::pong, "`0xA` pong"}}) {
      CHECK(std::string_view(written).ends_with(ws::to_string(op)));
      CHECK(written[3] == "0123456789A"[static_cast<int>(op)]);
      says(text, written);
    }
    const sim::wire::Bytes hello = ws::encode_frame(ws::text_frame("Hello"));
    says(text, std::to_string(hello.size()) + " bytes:\n`" + hex_bytes(hello, hello.size()) + "`");
    says(text, "`pushlab-cli decode --from server " + hex_bytes(hello, hello.size()) + "`");
  }

  SUBCASE("the 7- and 16-bit lengths: 2 bytes of header up to 125, 4 up to 65535") {
    CHECK(ws::length_form(125) == ws::LengthForm::bits7);
    CHECK(ws::length_form(126) == ws::LengthForm::bits16);
    CHECK(ws::length_form(65535) == ws::LengthForm::bits16);
    CHECK(ws::length_form(65536) == ws::LengthForm::bits64);
    CHECK(ws::header_size({.payload_length = 125}) == 2);
    CHECK(ws::header_size({.payload_length = 126}) == 4);
    CHECK(ws::header_size({.payload_length = 65535}) == 4);
    CHECK(ws::header_size({.payload_length = 65536}) == 10);
    const std::string& text = lesson.step("Three sizes of length: 7, 16 and 64 bits").text;
    says(text, "length up to 125\nis written in byte 1 itself: the header is 2 bytes");
    says(text, "For 126 to 65535 bytes");
    says(text, "4 bytes of header");
    says(text, "10 bytes of header");
    const sim::Trace trace = lesson.run("Three sizes of length: 7, 16 and 64 bits");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& frame = lane.frames.at(5);
    const ws::DecodedFrame first = decoded(frame);
    CHECK(first.header_size == 4);
    says(text, "messages at 1.0 s and 1.2 s " + std::to_string(first.frame.payload.size()) +
                   " bytes long");
    CHECK(decoded(lane.frames.at(6)).frame.payload.size() == first.frame.payload.size());
    says(text, "now\n" + std::to_string(frame.size()) + " bytes and begins `" +
                   hex_bytes(frame.bytes, 4) + "`");
    says(quiz, "payload of " + std::to_string(first.frame.payload.size()) + " bytes");
  }

  SUBCASE("the 64-bit length") {
    const std::string& text = lesson.step("The 64-bit length").text;
    const sim::Trace trace = lesson.run("The 64-bit length");
    const sim::WireFrame& frame = lane_of(trace, Transport::websocket).frames.at(5);
    const ws::DecodedFrame first = decoded(frame);
    CHECK(first.header_size == 10);
    says(text, "At " + std::to_string(first.frame.payload.size()) + " bytes");
    says(text, "selected frame is " + std::to_string(frame.size()) + " bytes and\nbegins `" +
                   hex_bytes(frame.bytes, 10) + "`");
  }

  SUBCASE("the browser masks: a fresh key per frame, and an unmasked one refused") {
    const std::string& text = lesson.step("The browser masks every frame").text;
    const sim::Trace trace = lesson.run("The browser masks every frame");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& frame = lane.frames.at(10);  // the selected websocket:10
    REQUIRE(frame.messages.size() == 1);
    const sim::Message& sent = lane.messages.at(frame.messages[0]);
    CHECK(sent.direction == sim::Direction::client_to_server);
    const ws::DecodedFrame masked = decoded(frame);
    CHECK(masked.frame.header.masked);
    CHECK(masked.header_size == 6);
    says(text, "at " + seconds(sent.created_at, 1) + ", " +
                   std::to_string(masked.frame.payload.size()) +
                   " bytes\nof payload in a frame of " + std::to_string(frame.size()) +
                   " bytes. It begins `" + hex_bytes(frame.bytes, 6) + "`");
    says(text, "`0x" + hex_bytes(sim::wire::ByteView(frame.bytes).subspan(1), 1) +
                   "`, the MASK\nbit is set and the length is " +
                   std::to_string(masked.frame.payload.size()));
    says(text, "The four bytes after it, `" +
                   hex_bytes(sim::wire::ByteView(frame.bytes).subspan(2), 4) +
                   "`, are the masking key");
    says(text, "the first, `" + std::string(1, static_cast<char>(masked.frame.payload[0])) +
                   "` (`0x" + hex_bytes(masked.frame.payload, 1) + "`), goes on\nthe wire as `0x" +
                   hex_bytes(sim::wire::ByteView(frame.bytes).subspan(6), 1) + "`");
    CHECK((masked.frame.payload[0] ^ frame.bytes[2]) == frame.bytes[6]);
    // The next frame from the browser, websocket:15, and its own key.
    const sim::WireFrame& next = lane.frames.at(15);
    REQUIRE(next.messages.size() == 1);
    const sim::Message& next_sent = lane.messages.at(next.messages[0]);
    CHECK(next_sent.direction == sim::Direction::client_to_server);
    CHECK(hex_bytes(sim::wire::ByteView(next.bytes).subspan(2), 4) !=
          hex_bytes(sim::wire::ByteView(frame.bytes).subspan(2), 4));
    says(text, "next message, at " + seconds(next_sent.created_at, 1) + ", has the key\n`" +
                   hex_bytes(sim::wire::ByteView(next.bytes).subspan(2), 4) + "`");
    // Every frame the server sends is unmasked; every one the browser sends, masked.
    for (const sim::WireFrame& f : lane.frames) {
      if (f.layer != sim::Layer::websocket) continue;
      CHECK(decoded(f).frame.header.masked == (f.from == lane.frames.at(10).from));
    }
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.delivered > 0);
    says(quiz, "server's frames have 2 bytes of header; the browser's have 6");

    const sim::wire::Bytes hello = ws::encode_frame(ws::text_frame("Hello"));
    ws::FrameDecoder server({.role = ws::Role::server});
    server.feed(hello);
    CHECK_FALSE(server.next());
    REQUIRE(server.error());
    says(text, "`pushlab-cli decode --from client " + hex_bytes(hello, hello.size()) +
                   "` refuses one: \"" + server.error()->reason + "\"");
    const ws::MaskingKey key{0x37, 0xfa, 0x21, 0x3d};
    const sim::wire::Bytes rfc = ws::encode_frame(ws::text_frame("Hello", &key));
    says(text, "`pushlab-cli frame --text Hello --mask 37fa213d`, gives `" +
                   hex_bytes(rfc, rfc.size()) + "`");
    CHECK(hex_bytes(rfc, rfc.size()) == "81 85 37 fa 21 3d 7f 9f 4d 51 58");  // section 5.7
  }

  SUBCASE("why clients mask: the selected frame is a masked one") {
    const std::string& text = lesson.step("Why clients mask: cache poisoning").text;
    says(text, "section\n10.3");
    says(quiz, "section 10.3");
    const sim::Trace trace = lesson.run("Why clients mask: cache poisoning");
    const sim::WireFrame& frame = lane_of(trace, Transport::websocket).frames.at(15);
    CHECK(decoded(frame).frame.header.masked);
  }
}

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
}

}  // namespace pushlab
