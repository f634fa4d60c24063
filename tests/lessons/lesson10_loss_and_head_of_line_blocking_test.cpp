// Lesson 10, loss and head-of-line blocking: every figure its text states, computed from the
// scenario it points at, and from the same scenario without loss for what the loss changed.

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/net/tcp_model.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/transports/browser_connections.hpp"
#include "sim/transports/simulate.hpp"
#include "tests/lessons/lesson_support.hpp"

namespace pushlab::lesson_test {

namespace {

// The step's run again with network.loss at 0: what each message would have done.
sim::Trace without_loss(const LoadedLesson& lesson, std::string_view title) {
  sim::Scenario scenario = scenario_of(lesson, title);
  REQUIRE(scenario.network.loss > 0);
  scenario.network.loss = 0;
  return sim::simulate(scenario);
}

std::vector<std::size_t> lost_frames(const sim::Lane& lane) {
  std::vector<std::size_t> lost;
  for (std::size_t i = 0; i < lane.frames.size(); ++i) {
    if (lane.frames[i].lost()) lost.push_back(i);
  }
  return lost;
}

// Messages whose delivery the loss changed.
std::vector<sim::MessageId> late_messages(const sim::Lane& lossy, const sim::Lane& clean) {
  REQUIRE(lossy.messages.size() == clean.messages.size());
  std::vector<sim::MessageId> late;
  for (std::size_t i = 0; i < lossy.messages.size(); ++i) {
    CHECK(lossy.messages[i].created_at == clean.messages[i].created_at);  // the same traffic
    if (lossy.messages[i].delivered_at != clean.messages[i].delivered_at)
      late.push_back(static_cast<sim::MessageId>(i));
  }
  return late;
}

sim::EndpointId server_of(const sim::Lane& lane) {
  const auto found =
      std::find_if(lane.endpoints.begin(), lane.endpoints.end(),
                   [](const sim::Endpoint& e) { return e.role == sim::EndpointRole::server; });
  REQUIRE(found != lane.endpoints.end());
  return static_cast<sim::EndpointId>(found - lane.endpoints.begin());
}

// The retransmission timeout of the lane's first connection, by the model: three times the
// handshake's round trip, at least 200 ms.
Nanoseconds retransmission_timeout(const sim::Lane& lane) {
  const sim::WireFrame& syn = lane.frames.at(0);
  const sim::WireFrame& syn_ack = lane.frames.at(1);
  REQUIRE(syn.kind == "syn");
  REQUIRE(syn_ack.kind == "syn-ack");
  REQUIRE(syn_ack.received_at);
  return std::max(sim::tcp_model::kMinRto, 3 * (*syn_ack.received_at - syn.sent_at));
}

// "350.0": a latency as the lessons write it in a list, without its unit.
std::string in_ms(Nanoseconds t) {
  return fixed(static_cast<double>(t.count()) / 1e6, 1);
}

std::string whole_ms(Nanoseconds t) {
  return std::to_string(t / 1ms) + " ms";
}

Nanoseconds latency_of(const sim::Lane& lane, sim::MessageId id) {
  return latency(lane.messages.at(id));
}

// The index of the frame a step selects, "websocket:51" naming frame 51 of the lane.
std::size_t selected_frame(const LoadedLesson& lesson, std::string_view title,
                           std::string_view lane) {
  const std::optional<std::string>& select = lesson.step(title).directives->select;
  REQUIRE(select);
  const std::string prefix = std::string(lane) + ":";
  REQUIRE(select->starts_with(prefix));
  return std::stoul(select->substr(prefix.size()));
}

}  // namespace

TEST_CASE("lesson 10, loss and head-of-line blocking: one lost segment, and who waits for it") {
  const LoadedLesson lesson = load("10-loss-and-head-of-line-blocking.md");
  check_final_quiz(lesson.lesson);
  CHECK(lesson.lesson.steps.back().quiz.size() == 5);
  const std::string quiz = lesson.quiz_text();
  const std::string& intro = lesson.lesson.introduction;

  SUBCASE("the scenario and the model the introduction describes") {
    const sim::Scenario& scenario = scenario_of(lesson, "One segment lost");
    CHECK(scenario.network.jitter == Nanoseconds{0});
    CHECK_FALSE(scenario.network.tls);
    REQUIRE(scenario.traffic.size() == 1);
    says(intro, "ten updates a second, " + std::to_string(scenario.traffic[0].payload_bytes) +
                    " bytes each, for " + std::to_string(scenario.duration / 1s) +
                    " s, over a link of\n" + whole_ms(scenario.network.latency) +
                    " one way that loses " + fixed(scenario.network.loss * 100, 0) +
                    "% of its packets");
    CHECK(std::get<sim::Periodic>(scenario.traffic[0].pattern).interval ==
          Nanoseconds{1s} / 10);  // ten a second
    // "only one or two segments" in each lane
    const sim::Trace trace = lesson.run("One segment lost");
    for (const sim::Lane& lane : trace.lanes) {
      const std::size_t lost = lost_frames(lane).size();
      CHECK(lost >= 1);
      CHECK(lost <= 2);
    }
    says(intro, "1 s until a round trip has been measured");
    CHECK(sim::tcp_model::kInitialRto == 1s);
    says(intro, "but at least " + whole_ms(sim::tcp_model::kMinRto));
  }

  SUBCASE("one segment lost: the WebSocket's frame, sent again after the timeout") {
    const std::string title = "One segment lost";
    const std::string& text = lesson.step(title).text;
    const sim::Scenario& scenario = scenario_of(lesson, title);
    const sim::Trace trace = lesson.run(title);
    const sim::Trace clean_trace = without_loss(lesson, title);
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::Lane& clean = lane_of(clean_trace, Transport::websocket);

    const Nanoseconds round_trip = *lane.frames.at(1).received_at - lane.frames.at(0).sent_at;
    const Nanoseconds timeout = retransmission_timeout(lane);
    CHECK(timeout == 3 * round_trip);
    says(text, "SYN-ACK came back " + whole_ms(round_trip) + " after the SYN");
    says(text, "retransmission timeout is " + whole_ms(timeout) + ", three times that round trip");
    says(quiz, "came back " + whole_ms(round_trip) + " after the SYN, so the timeout is " +
                   whole_ms(timeout));
    says(quiz, whole_ms(timeout) + ", three times the round trip of the handshake");

    const std::size_t at = selected_frame(lesson, title, "websocket");
    REQUIRE(lost_frames(lane) == std::vector<std::size_t>{at});
    const sim::WireFrame& lost = lane.frames[at];
    CHECK(lost.layer == sim::Layer::tcp);
    CHECK(lost.kind == "segment");
    CHECK(lost.from == server_of(lane));
    CHECK(lost.note.find("(" + whole_ms(timeout) + ")") != std::string::npos);
    const sim::WireFrame& carried = lane.frames[at + 1];
    REQUIRE(carried.messages.size() == 1);
    const sim::Message& message = lane.messages.at(carried.messages[0]);
    CHECK(carried.sent_at == lost.sent_at);
    CHECK(message.created_at == carried.sent_at);  // sent at once
    CHECK(lost.size() == carried.size() + sim::tcp_model::kSegmentHeader);
    says(text, "At " + seconds(message.created_at, 1) + " the server has a new message");
    says(text, "a text frame of " + std::to_string(carried.size()) + " bytes, in one\nsegment of " +
                   std::to_string(lost.size()) + " bytes with its TCP/IP header");
    CHECK(*carried.received_at == lost.sent_at + timeout + scenario.network.latency);
    says(text, "sends it again at " + seconds(lost.sent_at + timeout, 1) +
                   ", and the copy arrives at " + seconds(*carried.received_at, 2));
    says(text, "The message takes " + ms(latency(message)) + " instead of " +
                   ms(latency_of(clean, carried.messages[0])));
  }

  SUBCASE("everything behind it waits: segments that arrived, held until the gap is filled") {
    const std::string title = "Everything behind it waits";
    const std::string& text = lesson.step(title).text;
    const sim::Trace trace = lesson.run(title);
    const sim::Trace clean_trace = without_loss(lesson, title);
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::Lane& clean = lane_of(clean_trace, Transport::websocket);

    const std::vector<sim::MessageId> late = late_messages(lane, clean);
    REQUIRE(late.size() == 3);
    const sim::MessageId first = late[0];
    const std::vector<std::size_t> lost = lost_frames(lane);
    REQUIRE(lost.size() == 1);
    CHECK(lane.frames[lost[0] + 1].messages == std::vector<sim::MessageId>{first});  // its own
    for (std::size_t i = 1; i < late.size(); ++i) CHECK(late[i] == first + i);  // the next ones
    const Nanoseconds together = *lane.messages[first].delivered_at;
    for (const sim::MessageId id : late) CHECK(*lane.messages[id].delivered_at == together);
    const sim::Message& second = lane.messages[late[1]];
    const sim::Message& third = lane.messages[late[2]];
    says(text, "The messages of " + seconds(second.created_at, 1) + " and " +
                   seconds(third.created_at, 1) + " leave at once");
    // Their own segments are not lost: without loss they are delivered one transit after.
    says(text, "they reach the browser at " + seconds(*clean.messages[late[1]].delivered_at, 2) +
                   " and " + seconds(*clean.messages[late[2]].delivered_at, 2));
    says(text, "At " + seconds(together, 2) + " the copy fills the gap, and the " +
                   (late.size() == 3 ? std::string("three") : std::to_string(late.size())) +
                   " messages are delivered together");
    const sim::WireFrame& selected = lane.frames.at(selected_frame(lesson, title, "websocket"));
    CHECK(selected.messages == std::vector<sim::MessageId>{late[1]});
    CHECK_FALSE(selected.lost());
    says(text, "The selected\nframe is the one of " + seconds(second.created_at, 1));
    says(text, "latencies: " + in_ms(latency_of(lane, late[0])) + ", " +
                   in_ms(latency_of(lane, late[1])) + " and " + ms(latency_of(lane, late[2])));
    const sim::Message& next = lane.messages.at(late.back() + 1);
    CHECK(*next.delivered_at == together);
    says(text, "The message of " + seconds(next.created_at, 1) +
                   " leaves with the copy and arrives in " + ms(latency(next)));
    says(quiz, "message of " + seconds(lane.messages[first].created_at, 1) +
                   " is lost. When does the message of " + seconds(second.created_at, 1));
    says(quiz, "At " + seconds(*clean.messages[late[1]].delivered_at, 2) + ", one transit");
    says(quiz, "At " + seconds(together, 2) + ", together with the lost one");
    says(quiz, "arrives at " + seconds(*clean.messages[late[1]].delivered_at, 2) +
                   ", but TCP delivers in order");
    says(quiz, "comes at " + seconds(together, 2) + ", " + ms(latency(second)) +
                   " after the message was created");

    const sim::LaneMetrics with = sim::compute_metrics(lane);
    const sim::LaneMetrics without = sim::compute_metrics(clean);
    CHECK(with.connections_opened == 1);
    says(text, "One lost segment made " + std::to_string(late.size()) + " messages late");
    says(text, "the median\nstays at " + ms(with.latency.p50) + " and the mean moves from " +
                   in_ms(without.latency.mean) + " to " + ms(with.latency.mean) +
                   "; the maximum is " + ms(with.latency.max));
    CHECK(with.latency.p50 == without.latency.p50);
  }

  SUBCASE("short polling: only the messages in the lost response are late") {
    const std::string title = "Short polling: only the lost response is late";
    const std::string& text = lesson.step(title).text;
    const sim::Scenario& scenario = scenario_of(lesson, title);
    const sim::Trace trace = lesson.run(title);
    const sim::Trace clean_trace = without_loss(lesson, title);
    const sim::Lane& lane = lane_of(trace, Transport::short_poll);
    const sim::Lane& clean = lane_of(clean_trace, Transport::short_poll);
    const Nanoseconds timeout = retransmission_timeout(lane);

    const std::size_t at = selected_frame(lesson, title, "short-poll");
    REQUIRE(lost_frames(lane) == std::vector<std::size_t>{at});
    const sim::WireFrame& lost = lane.frames[at];
    CHECK(lost.from == server_of(lane));
    const sim::WireFrame& response = lane.frames[at + 1];
    const sim::WireFrame& poll = lane.frames[at - 1];
    CHECK(labelled(poll, "GET /poll"));
    CHECK(labelled(response, "200"));
    CHECK(response.sent_at == lost.sent_at);
    CHECK(lost.size() == response.size() + sim::tcp_model::kSegmentHeader);
    const std::vector<sim::MessageId>& carried = response.messages;
    REQUIRE(carried.size() == 10);
    says(text, "response to the poll of " + seconds(poll.sent_at, 1) + ": " +
                   std::to_string(carried.size()) + " messages, created from " +
                   seconds(lane.messages[carried.front()].created_at, 1) + " to " +
                   seconds(lane.messages[carried.back()].created_at, 1) + ", in one response of " +
                   std::to_string(response.size()) + "\nbytes, one segment of " +
                   std::to_string(lost.size()) + " bytes");
    CHECK(*response.received_at == lost.sent_at + timeout + scenario.network.latency);
    says(text, "Sent again at " + seconds(lost.sent_at + timeout, 2) + ", it arrives at " +
                   seconds(*response.received_at, 1));

    // Exactly the messages it carried are late, each by the timeout.
    CHECK(late_messages(lane, clean) == carried);
    for (const sim::MessageId id : carried)
      CHECK(latency_of(lane, id) - latency_of(clean, id) == timeout);
    says(text, "All " + std::to_string(carried.size()) + " are " + whole_ms(timeout) +
                   "\nlate: the oldest takes " + ms(latency_of(lane, carried.front())) +
                   " instead of " + ms(latency_of(clean, carried.front())));
    says(quiz, "Only the " + std::to_string(carried.size()) + " that response carried");
    says(quiz, "The " + std::to_string(carried.size()) + " messages in it arrive " +
                   whole_ms(timeout) + " late, the oldest after " +
                   ms(latency_of(lane, carried.front())));

    const std::size_t next = find_labelled(lane, "GET /poll", at + 2);
    const sim::WireFrame& next_poll = lane.frames[next];
    CHECK(next_poll.sent_at == poll.sent_at + scenario.short_poll.interval);  // on time
    const sim::WireFrame& answer = lane.frames[find_labelled(lane, "200", next)];
    REQUIRE(!answer.messages.empty());
    CHECK(*answer.received_at == *clean.messages[answer.messages[0]].delivered_at);
    says(text, "That poll leaves at " + seconds(next_poll.sent_at, 1) +
                   ", on time,\nand its answer arrives at " + seconds(*answer.received_at, 1));
    CHECK(scenario.short_poll.interval == 1s);
    says(text, "already longer than the\n" + whole_ms(timeout) + " the loss added");
  }

  SUBCASE("long polling: the late response holds back the next request") {
    const std::string title = "Long polling: the next request waits";
    const std::string& text = lesson.step(title).text;
    const sim::Scenario& scenario = scenario_of(lesson, title);
    const sim::Trace trace = lesson.run(title);
    const sim::Trace clean_trace = without_loss(lesson, title);
    const sim::Lane& lane = lane_of(trace, Transport::long_poll);
    const sim::Lane& clean = lane_of(clean_trace, Transport::long_poll);
    const Nanoseconds timeout = retransmission_timeout(lane);

    // Without the loss every answer carries one message.
    for (const sim::WireFrame& f : clean.frames) {
      if (labelled(f, "200")) CHECK(f.messages.size() == 1);
    }
    const std::size_t at = selected_frame(lesson, title, "long-poll");
    REQUIRE(lost_frames(lane) == std::vector<std::size_t>{at});
    const sim::WireFrame& lost = lane.frames[at];
    CHECK(lost.from == server_of(lane));
    const sim::WireFrame& response = lane.frames[at + 1];
    REQUIRE(response.messages.size() == 1);
    const sim::MessageId first = response.messages[0];
    CHECK(*response.received_at - (lost.sent_at + scenario.network.latency) == timeout);
    says(text, "response with the message of " + seconds(lane.messages[first].created_at, 1) +
                   ". It arrives at " + seconds(*response.received_at, 1) + ", " +
                   whole_ms(timeout) + "\nlate, and that message takes " +
                   ms(latency_of(lane, first)) + " instead of " + ms(latency_of(clean, first)));

    const sim::WireFrame& again = lane.frames[at + 2];
    CHECK(labelled(again, "GET /lp"));
    CHECK(again.sent_at == *response.received_at);
    const sim::WireFrame& batch = lane.frames[at + 3];
    REQUIRE(batch.messages.size() == 4);
    CHECK(batch.messages.front() == first + 1);
    says(text, "messages of " + seconds(lane.messages[first + 1].created_at, 1) + ",\n" +
                   seconds(lane.messages[first + 2].created_at, 1) + " and " +
                   seconds(lane.messages[first + 3].created_at, 1) + " find no request held");
    says(text, "the one of " + seconds(lane.messages[first + 4].created_at, 1) +
                   ", in a single response of " + std::to_string(batch.messages.size()) +
                   " messages that arrives at " + seconds(*batch.received_at, 1));
    says(text, "They take " + in_ms(latency_of(lane, first + 1)) + ",\n" +
                   in_ms(latency_of(lane, first + 2)) + " and " + ms(latency_of(lane, first + 3)) +
                   " instead of " + ms(latency_of(clean, first + 1)));
    const std::vector<sim::MessageId> late = late_messages(lane, clean);
    CHECK(late == std::vector<sim::MessageId>{first, first + 1, first + 2, first + 3});
    for (const sim::MessageId id : late)
      CHECK(latency_of(clean, id) == latency_of(clean, first + 1));
  }

  SUBCASE("the event stream waits the same way; HTTP/1.1's connections") {
    const std::string title = "What HTTP/2 and HTTP/3 change";
    const std::string& text = lesson.step(title).text;
    const sim::Trace trace = lesson.run(title);
    const sim::Trace clean_trace = without_loss(lesson, title);
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    const sim::Lane& clean = lane_of(clean_trace, Transport::sse);
    CHECK(sim::compute_metrics(lane).connections_opened == 1);

    const std::vector<std::size_t> lost = lost_frames(lane);
    REQUIRE(lost.size() == 2);
    CHECK(lost[0] == selected_frame(lesson, title, "sse"));
    says(text, "loses two segments, at " + seconds(lane.frames[lost[0]].sent_at, 1) + " and " +
                   seconds(lane.frames[lost[1]].sent_at, 1));
    const std::vector<sim::MessageId> late = late_messages(lane, clean);
    REQUIRE(late.size() == 6);
    std::vector<std::string> staircases;
    for (std::size_t loss = 0; loss < 2; ++loss) {
      const sim::WireFrame& carried = lane.frames[lost[loss] + 1];
      REQUIRE(carried.messages.size() == 1);
      CHECK(late[3 * loss] == carried.messages[0]);
      staircases.push_back(in_ms(latency_of(lane, late[3 * loss])) + ", " +
                           in_ms(latency_of(lane, late[3 * loss + 1])) + " and\n" +
                           ms(latency_of(lane, late[3 * loss + 2])));
    }
    CHECK(staircases[0] == staircases[1]);
    says(text, "each makes the same staircase: " + staircases[0]);
    // The same staircase as the WebSocket's.
    const sim::Lane& ws = lane_of(trace, Transport::websocket);
    const sim::Lane& ws_clean = lane_of(clean_trace, Transport::websocket);
    const std::vector<sim::MessageId> ws_late = late_messages(ws, ws_clean);
    REQUIRE(ws_late.size() == 3);
    for (std::size_t i = 0; i < 3; ++i)
      CHECK(latency_of(ws, ws_late[i]) == latency_of(lane, late[i]));
    CHECK(sim::kMaxConnectionsPerHost == 6);
    says(text, "a browser opens up to six connections to a host");
  }
}

}  // namespace pushlab::lesson_test
