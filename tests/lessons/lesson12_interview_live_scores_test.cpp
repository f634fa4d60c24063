// Lesson 12, the live scores interview: every figure its text states, computed from the
// scenarios it points at, the sweep's included, and the requirements it sets checked against
// them.

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
constexpr double kReaders = 1e6;      // "Design for a million at once"
constexpr Nanoseconds kTarget = 10s;  // "A goal on every reader's screen within 10 s"

const std::vector<Transport> kColumns = {Transport::short_poll, Transport::long_poll,
                                         Transport::websocket, Transport::sse};

double seconds_of(Nanoseconds t) {
  return static_cast<double>(t.count()) / 1e9;
}

// The scenario's goal: its one update at a listed time.
Nanoseconds goal_time(const sim::Scenario& scenario) {
  REQUIRE(scenario.traffic.size() == 2);
  const auto* at = std::get_if<sim::At>(&scenario.traffic[1].pattern);
  REQUIRE(at != nullptr);
  REQUIRE(at->times.size() == 1);
  return at->times[0];
}

// Every reader's copy of the goal.
std::vector<const sim::Message*> goals(const sim::Lane& lane, Nanoseconds at) {
  std::vector<const sim::Message*> found;
  for (const sim::Message& m : lane.messages) {
    if (m.created_at == at) found.push_back(&m);
  }
  return found;
}

// The frames that carry any reader's copy of the goal.
std::vector<const sim::WireFrame*> goal_frames(const sim::Lane& lane, Nanoseconds at) {
  std::vector<const sim::WireFrame*> found;
  for (const sim::WireFrame& f : lane.frames) {
    for (const sim::MessageId id : f.messages) {
      if (lane.messages.at(id).created_at == at) {
        found.push_back(&f);
        break;
      }
    }
  }
  return found;
}

bool carries(const sim::WireFrame& frame, const sim::Lane& lane, Nanoseconds at) {
  return std::any_of(frame.messages.begin(), frame.messages.end(),
                     [&](sim::MessageId id) { return lane.messages.at(id).created_at == at; });
}

// "0.20 million": a per-reader rate times a million readers, in millions.
std::string millions(double per_reader) {
  return fixed(per_reader * kReaders / 1e6, 2);
}

}  // namespace

TEST_CASE("lesson 12, the live scores interview: its figures are the simulator's") {
  // Loaded once: doctest runs this body again for every subcase, and loading simulates every
  // step the lesson points at.
  static const LoadedLesson lesson = load("12-interview-live-scores.md");
  check_final_quiz(lesson.lesson);
  CHECK(lesson.lesson.steps.back().quiz.size() >= 5);
  const std::string quiz = lesson.quiz_text();

  SUBCASE("clarify the requirements: one way, the same update for everyone") {
    const std::string& text = lesson.step("Clarify the requirements").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Clarify the requirements");
    says(text, "Design for a million at once");
    says(text, "within " + std::to_string(kTarget / 1s) + " s");
    const auto* updates = std::get_if<sim::Periodic>(&scenario.traffic.at(0).pattern);
    REQUIRE(updates != nullptr);
    for (const sim::TrafficSource& source : scenario.traffic) {
      CHECK(source.direction == sim::Direction::server_to_client);  // "One way"
      CHECK(source.payload_bytes == scenario.traffic[0].payload_bytes);
    }
    says(text, "An update every " + std::to_string(updates->interval / 1s) + " s");
    says(text, std::to_string(scenario.traffic[0].payload_bytes) + "\n  bytes of payload");
    says(text, "five minutes of such a match for " + std::to_string(scenario.clients) +
                   " readers, " + std::to_string(scenario.network.latency / 1ms) +
                   " ms from the\nserver");
    CHECK(scenario.duration == 300s);
    const Nanoseconds goal = goal_time(scenario);
    says(text, "A goal comes at " + seconds(goal, 1));
    const sim::Trace trace = lesson.run("Clarify the requirements");
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    const sim::WireFrame& selected = lane.frames.at(360);  // sse:360
    CHECK(selected.layer == sim::Layer::sse);
    CHECK(carries(selected, lane, goal));
    CHECK(selected.received_at == goal_frames(lane, goal).front()->received_at);
  }

  SUBCASE("estimate the fan-out: per reader, then a million copies of each update") {
    const std::string& text = lesson.step("Estimate the fan-out").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Estimate the fan-out");
    const sim::Trace trace = lesson.run("Estimate the fan-out");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    const double readers = scenario.clients;
    const double duration = seconds_of(scenario.duration);
    const double updates = static_cast<double>(metrics.delivered) / readers;
    CHECK(metrics.lost == 0);
    says(text, "each reader gets " + fixed(updates, 0) + " updates, " +
                   fixed(static_cast<double>(metrics.bytes.payload) / readers, 0) +
                   " bytes of payload");
    says(text, fixed(updates / duration, 2) +
                   " updates a second\nper reader, and for a million "
                   "readers " +
                   millions(updates / duration) + " million messages a second and " +
                   fixed(static_cast<double>(metrics.bytes.payload) / readers * 8 / duration *
                             kReaders / 1e6,
                         1) +
                   " Mbit/s of payload");
    const auto* periodic = std::get_if<sim::Periodic>(&scenario.traffic[0].pattern);
    REQUIRE(periodic != nullptr);
    says(text, "Nothing happens for " + std::to_string(periodic->interval / 1s) + " s");
    says(text, fixed(static_cast<double>(scenario.traffic[0].payload_bytes) * kReaders / 1e6, 0) +
                   " MB of payload to send\nin the same moment");
    const sim::WireFrame& selected = lane.frames.at(340);  // websocket:340
    CHECK(carries(selected, lane, goal_time(scenario)));
    CHECK(selected.to == lane.frames.at(0).from);  // the first reader
  }

  SUBCASE("polling: the goal waits for each reader's next poll") {
    const std::string& text = lesson.step("Polling: what a goal waits for").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Polling: what a goal waits for");
    const sim::Trace trace = lesson.run("Polling: what a goal waits for");
    const sim::Lane& lane = lane_of(trace, Transport::short_poll);
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    says(text, "`GET /poll` every " + std::to_string(scenario.short_poll.interval / 1s) + " s");
    const Nanoseconds goal = goal_time(scenario);
    std::vector<Nanoseconds> waits;
    for (const sim::Message* m : goals(lane, goal)) waits.push_back(latency(*m));
    REQUIRE(waits.size() == static_cast<std::size_t>(scenario.clients));
    std::sort(waits.begin(), waits.end());
    Nanoseconds total{0};
    for (const Nanoseconds w : waits) total += w;
    const Nanoseconds mean = total / static_cast<std::int64_t>(waits.size());
    says(text, "created at " + seconds(goal, 1));
    says(text, "It reaches the first reader after " + ms(waits.front()) +
                   " (selected), and the last after " + ms(waits.back()) + ": " + ms(mean) +
                   "\non average");
    says(quiz, "From " + ms(waits.front()) + " to " + ms(waits.back()));
    const sim::WireFrame& selected = lane.frames.at(1049);  // short-poll:1049
    CHECK(carries(selected, lane, goal));
    CHECK(*selected.received_at == goal + waits.front());
    says(text, "updates take " + ms(metrics.latency.mean) + " on average and " +
                   ms(metrics.latency.max) + " at worst");
    CHECK(metrics.latency.max < kTarget);
    CHECK(metrics.latency.max <= scenario.short_poll.interval + 2 * scenario.network.latency);

    const double per_reader = static_cast<double>(metrics.http_requests) / scenario.clients /
                              seconds_of(scenario.duration);
    says(text, "The " + std::to_string(scenario.clients) + " readers make " +
                   std::to_string(metrics.http_requests) + " requests, " + fixed(per_reader, 2) +
                   " a second each, and " + std::to_string(metrics.empty_responses) +
                   " of them\ncome back empty");
    const double empty_share =
        static_cast<double>(metrics.empty_responses) / static_cast<double>(metrics.http_requests);
    CHECK(empty_share > 0.45);  // "about every other poll"
    CHECK(empty_share < 0.55);
    says(text, "spends " + fixed(metrics.overhead_bytes_per_message, 1) +
                   " bytes of overhead per update");
  }

  SUBCASE("polling a million times: the request rate a cache must absorb") {
    const std::string& text = lesson.step("Polling a million times: the cache does the work").text;
    const sim::Scenario& scenario =
        scenario_of(lesson, "Polling a million times: the cache does the work");
    const sim::Trace trace = lesson.run("Polling a million times: the cache does the work");
    const sim::Lane& lane = lane_of(trace, Transport::short_poll);
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    const double per_reader = static_cast<double>(metrics.http_requests) / scenario.clients /
                              seconds_of(scenario.duration);
    says(text, "At " + fixed(per_reader, 2) +
                   " requests a second per reader, a million readers "
                   "send " +
                   millions(per_reader) + " million requests a second");
    says(quiz, millions(per_reader) + " million requests a second would reach the origin");
    // One URL per reader, and 204 when a reader has nothing new: nothing a cache could share.
    const sim::WireFrame& poll = lane.frames.at(140);  // short-poll:140
    CHECK(labelled(poll, "GET /poll"));
    CHECK(text_of(poll).starts_with("GET /poll?client="));
    CHECK(count_labelled(lane, "204 No Content") == metrics.empty_responses);
    says(text, "`GET /poll?client=N`, one URL per reader");
    says(text, "within the " + std::to_string(kTarget / 1s) + " s target");
  }

  SUBCASE("push: the table, long polling's herd, and the goal's 50 ms") {
    const std::string& text = lesson.step("Push: one stream per reader").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Push: one stream per reader");
    const sim::Trace trace = lesson.run("Push: one stream per reader");
    const std::vector<sim::LaneMetrics> lanes = all_metrics(trace);
    says(text, "| " + std::to_string(scenario.clients) + " readers, five minutes |");
    says(text, table_row("mean latency", lanes, kColumns,
                         [](const sim::LaneMetrics& m) { return ms(m.latency.mean); }));
    says(text, table_row("worst latency", lanes, kColumns,
                         [](const sim::LaneMetrics& m) { return ms(m.latency.max); }));
    says(text, table_row("overhead per update", lanes, kColumns, [](const sim::LaneMetrics& m) {
           return fixed(m.overhead_bytes_per_message, 1) + " B";
         }));
    says(text, table_row("HTTP requests", lanes, kColumns, [](const sim::LaneMetrics& m) {
           return std::to_string(m.http_requests);
         }));
    says(text, table_row("setup bytes", lanes, kColumns,
                         [](const sim::LaneMetrics& m) { return std::to_string(m.bytes.setup); }));

    // Long polling: every reader's new request reaches the server at the same instant.
    const Nanoseconds goal = goal_time(scenario);
    const sim::Lane& long_poll = lane_of(trace, Transport::long_poll);
    const sim::LaneMetrics& lp = metrics_of(lanes, Transport::long_poll);
    CHECK(lp.latency.max == lp.latency.mean);
    says(text, "Long polling delivers each update in " + ms(lp.latency.max));
    const sim::WireFrame& selected = long_poll.frames.at(580);  // long-poll:580
    CHECK(labelled(selected, "GET /lp"));
    CHECK(selected.sent_at > goal);
    std::size_t together = 0;
    for (const sim::WireFrame& f : long_poll.frames) {
      if (labelled(f, "GET /lp") && f.received_at == selected.received_at) ++together;
      if (labelled(f, "GET /lp") && f.sent_at > goal) CHECK(f.received_at >= selected.received_at);
    }
    CHECK(together == static_cast<std::size_t>(scenario.clients));
    says(text, "all " + std::to_string(together) + " new requests reach the server at " +
                   seconds(*selected.received_at, 1));
    says(quiz, "all " + std::to_string(together) + " new requests reach the server at " +
                   seconds(*selected.received_at, 1));
    says(quiz, "each update reaches every reader in " + ms(lp.latency.max));

    // Push: the goal everywhere one transit after it happens.
    for (const Transport t : {Transport::websocket, Transport::sse}) {
      for (const sim::Message* m : goals(lane_of(trace, t), goal))
        CHECK(latency(*m) == scenario.network.latency);
    }
    says(text, "The goal is on every screen " + ms(scenario.network.latency) + " after it happens");
    says(quiz, "Both deliver the goal in " + ms(scenario.network.latency));
    const sim::LaneMetrics& ws = metrics_of(lanes, Transport::websocket);
    const sim::LaneMetrics& sse = metrics_of(lanes, Transport::sse);
    // Both pay to open each reader's connection, once, as setup: WebSocket its handshake, SSE its
    // stream's opening.
    const auto readers = static_cast<std::uint64_t>(scenario.clients);
    CHECK(ws.connections_opened == readers);
    CHECK(sse.connections_opened == readers);
    CHECK(ws.http_requests == readers);   // one upgrade each
    CHECK(sse.http_requests == readers);  // one GET each
    const StreamOpening opening = stream_opening(lane_of(trace, Transport::sse));
    CHECK(opening.streams == readers);
    CHECK(opening.bytes == sse.bytes.setup);
    says(text, "Both pay once to open each reader's connection, and count that as setup: " +
                   std::to_string(ws.bytes.setup) +
                   " bytes of opening handshakes for WebSocket's " +
                   std::to_string(scenario.clients) + " readers, " +
                   std::to_string(sse.bytes.setup) + " bytes for SSE's");
    CHECK(ws.overhead_bytes_per_message < sse.overhead_bytes_per_message);
    says(text,
         "After that, WebSocket spends fewer bytes: " + fixed(ws.overhead_bytes_per_message, 1) +
             " bytes of overhead per update against " + fixed(sse.overhead_bytes_per_message, 1));
    says(quiz, fixed(ws.overhead_bytes_per_message, 1) + " against " +
                   fixed(sse.overhead_bytes_per_message, 1));
  }

  SUBCASE("fan-out at scale: the sweep, the straight line and the burst per update") {
    const std::string& text = lesson.step("Fan-out at scale: a sweep").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Fan-out at scale: a sweep");
    const int fewer = scenario.clients;
    const int more = 2 * fewer;
    says(text, "`pushlab-cli sweep scenarios/live-scores.json --clients " + std::to_string(fewer) +
                   "," + std::to_string(more) + "`");
    says(text, "simulates " + std::to_string(fewer) + " readers, then\n" + std::to_string(more));
    const DoubledSweep sweep = doubled_sweep(scenario, text, kColumns);
    const double sse_fewer = sweep.per_client(Transport::sse, false);
    const double sse_more = sweep.per_client(Transport::sse, true);
    const double poll_more = sweep.per_client(Transport::short_poll, true);
    says(text, "SSE costs " + fixed(sse_fewer, 1) + " bit/s at " + std::to_string(fewer) +
                   " readers and " + fixed(sse_more, 1) + " bit/s at " + std::to_string(more));
    says(text, "a million readers need " + fixed(sse_more * kReaders / 1e9, 2) +
                   " Gbit/s over SSE, on average.\nShort polling with nothing in front of the "
                   "origin needs " +
                   fixed(poll_more * kReaders / 1e9, 2) + " Gbit/s");

    // The burst: one update, every reader's copy, from the step's own run.
    const sim::Trace trace = lesson.run("Fan-out at scale: a sweep");
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    const std::vector<const sim::WireFrame*> copies = goal_frames(lane, goal_time(scenario));
    REQUIRE(copies.size() == static_cast<std::size_t>(fewer));
    for (const sim::WireFrame* f : copies) {
      CHECK(f->sent_at == copies.front()->sent_at);
      CHECK(f->size() == copies.front()->size());
    }
    const sim::WireFrame& event = *copies.front();
    const std::string bytes = text_of(event);
    CHECK(bytes.find("id: ") != std::string::npos);
    CHECK(bytes.find("data: ") != std::string::npos);
    CHECK(event.size() > scenario.traffic[1].payload_bytes);
    says(text,
         "The goal's event on one reader's stream is " + std::to_string(event.size()) + " bytes");
    says(text, "the " + std::to_string(scenario.traffic[1].payload_bytes) + " bytes of payload");
    const std::string burst = fixed(static_cast<double>(event.size()) * kReaders / 1e6, 0);
    says(text,
         "A million readers make that\n" + burst + " MB for one update, " +
             fixed(static_cast<double>(event.size() + event.transport_overhead) * kReaders / 1e6,
                   0) +
             " MB with the modelled TCP/IP bytes");
    says(text, "all " + std::to_string(copies.size()) + " copies\nleave at the same instant");
    const sim::LaneMetrics& sse_at_more = metrics_of(sweep.row_more, Transport::sse);
    CHECK(sse_at_more.peak_server_connections == static_cast<std::uint64_t>(more));
    says(text, std::to_string(sse_at_more.peak_server_connections) + " connections at " +
                   std::to_string(more) + " readers");
  }

  SUBCASE("decide and defend: the target decides") {
    const std::string& text = lesson.step("Decide and defend").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Decide and defend");
    const sim::Trace trace = lesson.run("Decide and defend");
    const sim::LaneMetrics poll = sim::compute_metrics(lane_of(trace, Transport::short_poll));
    const sim::LaneMetrics sse = sim::compute_metrics(lane_of(trace, Transport::sse));
    CHECK(poll.latency.max < kTarget);
    CHECK(poll.latency.max > 1s);  // polling cannot meet a one-second target
    CHECK(sse.latency.max < 1s);
    says(text, "With a goal allowed " + std::to_string(kTarget / 1s) + " s, poll");
    says(text, "Polling every " + std::to_string(scenario.short_poll.interval / 1s) +
                   " s keeps a goal within " + ms(poll.latency.max) + "\nat worst");
    const double per_reader =
        static_cast<double>(poll.http_requests) / scenario.clients / seconds_of(scenario.duration);
    says(text, "The " + millions(per_reader) + " million requests a\nsecond");
    says(text, "It delivers in " + ms(sse.latency.max) + "\nwith " +
                   fixed(sse.overhead_bytes_per_message, 1) + " bytes of overhead per update");
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    const sim::WireFrame& event = *goal_frames(lane, goal_time(scenario)).front();
    says(text, "writes " + fixed(static_cast<double>(event.size()) * kReaders / 1e6, 0) +
                   " MB for every update");
  }

  SUBCASE("what will go wrong: a buffering proxy holds the stream back") {
    const std::string& text = lesson.step("What will go wrong").text;
    const sim::Scenario& scenario = scenario_of(lesson, "What will go wrong");
    const sim::Trace trace = lesson.run("What will go wrong");
    const sim::LaneMetrics sse = sim::compute_metrics(lane_of(trace, Transport::sse));
    const sim::LaneMetrics poll = sim::compute_metrics(lane_of(trace, Transport::short_poll));
    says(text, "it waits for " + std::to_string(scenario.proxy.buffer_bytes) + "\n  bytes");
    says(quiz, "until " + std::to_string(scenario.proxy.buffer_bytes) + " bytes have gathered");
    CHECK(sse.lost > 0);
    says(text, "SSE's updates arrive " + seconds(sse.latency.mean, 1) + " late on average, and " +
                   std::to_string(sse.lost) + " of them never arrive at all");
    says(quiz, "updates arrive " + seconds(sse.latency.mean, 1) + " late on average");
    CHECK(poll.lost == 0);
    says(text, "Short\n  polling, whose responses end, still takes " + ms(poll.latency.mean));
    // The same as without the proxy.
    const sim::Trace plain = lesson.run("Push: one stream per reader");
    CHECK(sim::compute_metrics(lane_of(plain, Transport::short_poll)).latency == poll.latency);
    says(text, "the `retry:` time the stream announced, " +
                   std::to_string(scenario.sse.retry / 1ms) + " ms here");
    for (const char* lesson_number : {"lesson 6", "lesson 5", "lesson 10"})
      says(text, lesson_number);
  }

  SUBCASE("one-line answers: each figure they quote") {
    const std::string& text = lesson.step("One-line answers").text;
    CHECK(occurrences(text, "**One-line answer:**") == 4);
    const sim::Scenario& scenario = scenario_of(lesson, "One-line answers");
    const sim::Trace trace = lesson.run("One-line answers");
    const std::vector<sim::LaneMetrics> lanes = all_metrics(trace);
    const sim::LaneMetrics& poll = metrics_of(lanes, Transport::short_poll);
    const sim::LaneMetrics& sse = metrics_of(lanes, Transport::sse);
    const sim::LaneMetrics& ws = metrics_of(lanes, Transport::websocket);
    const sim::LaneMetrics& lp = metrics_of(lanes, Transport::long_poll);
    says(text, "within " + std::to_string(kTarget / 1s) + " s, poll a\n  CDN-cached answer every " +
                   std::to_string(scenario.short_poll.interval / 1s) + " s (" +
                   ms(poll.latency.max) + " at worst here); within a second, push with SSE\n  (" +
                   ms(sse.latency.max) + ")");
    says(text, "(" + fixed(ws.overhead_bytes_per_message, 1) + " against " +
                   fixed(sse.overhead_bytes_per_message, 1) + " per update)");
    const double per_reader =
        static_cast<double>(poll.http_requests) / scenario.clients / seconds_of(scenario.duration);
    says(text, millions(per_reader) + " million requests a second if\n  they poll every " +
                   std::to_string(scenario.short_poll.interval / 1s) + " s");
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    const sim::WireFrame& event = *goal_frames(lane, goal_time(scenario)).front();
    says(text, "a million open streams and " +
                   fixed(static_cast<double>(event.size()) * kReaders / 1e6, 0) +
                   " MB of\n  events for every update");
    says(text, "a million requests in the same instant, " +
                   fixed(lp.overhead_bytes_per_message, 1) + " bytes of overhead per update");
  }

  SUBCASE("follow-up questions: each with its answer") {
    const std::string& text = lesson.step("Follow-up questions").text;
    CHECK(occurrences(text, "- **") >= 4);
    CHECK(occurrences(text, "?**") == occurrences(text, "- **"));
    // "Number the updates, as SSE's id: does": every event carries one.
    const sim::Trace trace = lesson.run("Follow-up questions");
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    for (const sim::WireFrame& f : lane.frames) {
      if (f.layer == sim::Layer::sse && f.kind == "event")
        CHECK(text_of(f).find("id: ") != std::string::npos);
    }
  }
}

}  // namespace pushlab::lesson_test
