// Lesson 1, short polling: every figure its text states, computed from the scenarios it points at.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/trace/metrics.hpp"
#include "tests/lessons/lesson_support.hpp"

namespace pushlab::lesson_test {

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

}  // namespace pushlab::lesson_test
