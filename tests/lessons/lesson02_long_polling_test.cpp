// Lesson 2, long polling: every figure its text states, computed from the scenarios it points at.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/trace/metrics.hpp"
#include "tests/lessons/lesson_support.hpp"

namespace pushlab::lesson_test {

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

}  // namespace pushlab::lesson_test
