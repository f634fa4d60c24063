// Lesson 8, latency against update frequency: every figure its text states, computed from the
// scenarios it points at. The table of overhead per update is the step's scenario with the rate of
// updates set as each row says, as `pushlab-cli run --set traffic.0.rate_per_s=R` runs it; the
// rules the lesson ends with are checked on every run it shows.

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/lesson/settings.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/transports/simulate.hpp"
#include "tests/lessons/lesson_support.hpp"

namespace pushlab::lesson_test {

namespace {

// The rates of the table, as its first column writes them.
const std::vector<std::string> kTableRates = {"0.01", "0.1", "1", "20"};

std::string whole_ms(Nanoseconds t) {
  return std::to_string(t / 1ms) + " ms";
}

sim::Scenario with(const sim::Scenario& scenario, const std::string& path,
                   const nlohmann::ordered_json& value) {
  return sim::apply_settings(scenario, {{path, value}}, "the lesson 8 test");
}

// Every transport's figures with updates at `rate` a second: one row of the table, simulated once
// for all the steps that quote it.
const std::vector<sim::LaneMetrics>& row_at(const sim::Scenario& scenario,
                                            const std::string& rate) {
  static std::map<std::string, std::vector<sim::LaneMetrics>> rows;
  auto found = rows.find(rate);
  if (found == rows.end()) {
    const sim::Scenario at_rate = with(scenario, "traffic.0.rate_per_s", std::stod(rate));
    found = rows.emplace(rate, sim::simulate_metrics(at_rate)).first;
  }
  return found->second;
}

// The application bytes the overhead figure counts: beyond the updates, setup left out.
std::uint64_t steady_bytes(const sim::LaneMetrics& m) {
  return m.bytes.app - m.bytes.setup - m.bytes.payload;
}

// The first frame of a kind ("response-head", "retry").
const sim::WireFrame& first_of(const sim::Lane& lane, std::string_view kind) {
  const auto found = std::find_if(lane.frames.begin(), lane.frames.end(),
                                  [kind](const sim::WireFrame& f) { return f.kind == kind; });
  REQUIRE(found != lane.frames.end());
  return *found;
}

// An event's id, the value of its `id:` line.
std::string event_id(const sim::WireFrame& event) {
  const std::string text = text_of(event);
  const auto at = text.find("\nid: ");
  REQUIRE(at != std::string::npos);
  const auto start = at + 5;
  return text.substr(start, text.find('\n', start) - start);
}

sim::LaneMetrics metrics(const sim::Trace& trace, Transport transport) {
  return sim::compute_metrics(lane_of(trace, transport));
}

// Short polling's wait: the next poll, half an interval on average, then one transit back.
void check_polling_wait(const sim::LaneMetrics& polling, Nanoseconds interval,
                        Nanoseconds transit) {
  const Nanoseconds expected = interval / 2 + transit;
  CAPTURE(ms(polling.latency.mean));
  CHECK(std::abs((polling.latency.mean - expected).count()) < expected.count() / 10);
  CHECK(polling.latency.max <= interval + transit);
}

}  // namespace

TEST_CASE("lesson 8, latency against update frequency: each transport from rare to frequent") {
  // Loaded and checked once: checking simulates every step, and each SUBCASE runs this again.
  static const LoadedLesson lesson = load("08-latency-and-frequency.md");
  check_final_quiz(lesson.lesson);
  const std::string quiz = lesson.quiz_text();
  const std::string& intro = lesson.lesson.introduction;
  const sim::Scenario& base = scenario_of(lesson, "What an update costs");  // as its file has it
  const Nanoseconds transit = base.network.latency;
  const Nanoseconds round_trip = 2 * transit;
  REQUIRE(base.clients == 1);
  REQUIRE(base.traffic.size() == 1);
  const double base_rate = std::get<sim::Poisson>(base.traffic[0].pattern).rate_per_s;
  CHECK(base_rate == 0.1);  // the table's row for the step's own scenario
  CHECK(base.duration == 600s);
  says(intro, "the server " + whole_ms(transit) + " away, and " +
                  std::to_string(base.traffic[0].payload_bytes) +
                  "-byte updates at\nrandom moments, on average one every " +
                  fixed(1 / base_rate, 0) + " s, for 10 minutes");
  CHECK(base.short_poll.interval == 1s);
  says(intro, "holds a request for up to " + seconds(base.long_poll.timeout, 0));

  SUBCASE("one update every ten seconds: push in one transit, long polling nearly") {
    const std::string& text = lesson.step("One update every ten seconds").text;
    const sim::Trace trace = lesson.run("One update every ten seconds");
    const sim::LaneMetrics polling = metrics(trace, Transport::short_poll);
    const double expected = base_rate * static_cast<double>(base.duration / 1s);
    says(text, std::to_string(polling.delivered) +
                   " updates come: at random moments, so not exactly " + fixed(expected, 0));
    for (const Transport push : {Transport::websocket, Transport::sse}) {
      const sim::LaneMetrics m = metrics(trace, push);
      CHECK(m.latency.max == transit);
      CHECK(m.latency.mean == transit);
    }
    says(text, "deliver every one of them " + ms(transit) + " after it exists: one transit");
    const sim::Lane& lane = lane_of(trace, Transport::long_poll);
    const sim::LaneMetrics held = sim::compute_metrics(lane);
    says(text, "Long polling takes " + ms(held.latency.mean) + " on average");
    // The late updates are those that came within a round trip of the one before.
    std::size_t late = 0;
    for (std::size_t i = 0; i < lane.messages.size(); ++i) {
      if (latency(lane.messages[i]) == transit) continue;
      ++late;
      REQUIRE(i > 0);
      CHECK(lane.messages[i].created_at - lane.messages[i - 1].created_at < round_trip);
    }
    says(text, std::to_string(late) + " of the " + std::to_string(held.delivered) +
                   " came less\nthan a round trip after the one before, and waited up to " +
                   ms(held.latency.max));
    const sim::WireFrame& selected = lane.frames.at(16);  // the selected long-poll:16
    REQUIRE(selected.messages.size() == 1);
    const sim::MessageId bunched = selected.messages[0];
    REQUIRE(bunched > 0);
    const sim::Message& update = lane.messages[bunched];
    const sim::Message& before = lane.messages[bunched - 1];
    // long-poll:14 carried the update before it; long-poll:15 is the request that followed.
    CHECK(lane.frames.at(14).messages == std::vector<sim::MessageId>{bunched - 1});
    const sim::WireFrame& next_request = lane.frames.at(15);
    CHECK(labelled(next_request, "GET /lp"));
    CHECK(next_request.sent_at == *lane.frames.at(14).received_at);
    CHECK(selected.sent_at == *next_request.received_at);
    says(text, "The update of " + seconds(before.created_at, 3) +
                   " took the held request; the next one reached the server at\n" +
                   seconds(*next_request.received_at, 3) + ". The update created at " +
                   seconds(update.created_at, 3) + " waited for it, and arrived " +
                   ms(latency(update)) + " after it was\ncreated");
    says(text, "Short polling takes " + ms(polling.latency.mean) + " on average, and up to " +
                   ms(polling.latency.max));
  }

  SUBCASE("half an interval, plus a transit: short polling's wait") {
    const std::string& text = lesson.step("Half an interval, plus a transit").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Half an interval, plus a transit");
    const Nanoseconds interval = scenario.short_poll.interval;
    says(text, "half an interval on average, " + whole_ms(interval / 2) +
                   " here. The response adds one\ntransit, " + whole_ms(transit) +
                   ". Expect about " + whole_ms(interval / 2 + transit) + " on average, and " +
                   whole_ms(interval + transit) + " at worst");
    CHECK(std::get<sim::Poisson>(scenario.traffic[0].pattern).rate_per_s == 10 * base_rate);
    const sim::LaneMetrics polling =
        metrics(lesson.run("Half an interval, plus a transit"), Transport::short_poll);
    check_polling_wait(polling, interval, transit);
    says(text, "one a second on average: " + std::to_string(polling.delivered) +
                   " of them. They wait\n" + ms(polling.latency.mean) + " on average, and " +
                   ms(polling.latency.max) + " at worst");
    says(quiz, ms(polling.latency.mean) + " at one update a second");
    says(quiz, "About " + whole_ms(interval / 2 + transit) + ": half an interval plus a transit");
    const sim::LaneMetrics rarer =
        metrics(lesson.run("One update every ten seconds"), Transport::short_poll);
    CHECK(std::abs((rarer.latency.mean - polling.latency.mean).count()) <
          polling.latency.mean.count() / 10);
    says(text, "At one every ten seconds it was " + ms(rarer.latency.mean));
    const sim::Scenario slower = with(scenario, "short_poll.interval_s", 5);
    const sim::LaneMetrics every_5s = sim::simulate_metrics(slower).at(0);
    REQUIRE(every_5s.transport == Transport::short_poll);
    check_polling_wait(every_5s, slower.short_poll.interval, transit);
    says(text, "(`--set short_poll.interval_s=5`) and the average becomes " +
                   ms(every_5s.latency.mean) + ": half of " +
                   seconds(slower.short_poll.interval, 0) + ", plus " + whole_ms(transit));
  }

  SUBCASE("updates faster than a round trip: long polling's three transits") {
    const std::string& text = lesson.step("Updates faster than a round trip").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Updates faster than a round trip");
    const double rate = std::get<sim::Poisson>(scenario.traffic[0].pattern).rate_per_s;
    CHECK(1s / rate < round_trip);
    says(text, "Now " + fixed(rate, 0) + " updates a second on average, one every " +
                   whole_ms(std::chrono::duration_cast<Nanoseconds>(1s / rate)) +
                   ": more often than the " + whole_ms(round_trip) + " round trip");
    const sim::Trace trace = lesson.run("Updates faster than a round trip");
    const sim::Lane& lane = lane_of(trace, Transport::long_poll);
    const sim::LaneMetrics held = sim::compute_metrics(lane);
    const std::uint64_t most = static_cast<std::uint64_t>(scenario.duration / round_trip);
    CHECK(held.http_requests <= most);
    const std::size_t responses = count_labelled(lane, "200 OK");
    const sim::WireFrame& selected = lane.frames.at(186);  // the selected long-poll:186
    CHECK(labelled(selected, "200 OK"));
    says(text, "round trip, " + std::to_string(most) + " times in ten minutes. Here " +
                   std::to_string(held.delivered) + " updates take " +
                   std::to_string(held.http_requests) + " requests, about " +
                   fixed(static_cast<double>(held.delivered) / static_cast<double>(responses), 1) +
                   " per\nresponse; the selected one carries " +
                   std::to_string(selected.messages.size()));
    CHECK(held.latency.max <= 3 * transit);  // created just after a response left
    CHECK(3 * transit - held.latency.max < 1ms);
    says(text, "The average latency rises to " + ms(held.latency.mean) + ", and the worst is " +
                   ms(held.latency.max) + ": three transits");
    says(quiz, ms(held.latency.max) + " at worst, " + ms(held.latency.mean) + " on average");
    const sim::LaneMetrics socket = metrics(trace, Transport::websocket);
    says(text, "WebSocket still takes " + ms(socket.latency.mean) + " on\naverage");
    const sim::LaneMetrics& polling = metrics_of(row_at(base, "20"), Transport::short_poll);
    CHECK(polling.delivered == held.delivered);  // the same updates as the step's lanes
    says(text, "waits for its timer anyway, takes " + ms(polling.latency.mean));
  }

  SUBCASE("rare updates: short polling's empty polls, long polling's timeouts") {
    const std::string& text = lesson.step("Rare updates: one every 100 seconds").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Rare updates: one every 100 seconds");
    const double rate = std::get<sim::Poisson>(scenario.traffic[0].pattern).rate_per_s;
    const sim::Trace trace = lesson.run("Rare updates: one every 100 seconds");
    const sim::Lane& lane = lane_of(trace, Transport::short_poll);
    const sim::LaneMetrics polling = sim::compute_metrics(lane);
    says(text, "At one update every " + fixed(1 / rate, 0) + " s on average, " +
                   std::to_string(polling.delivered) + " come in the ten minutes");
    CHECK(labelled(lane.frames.at(64), "204 No Content"));  // the selected short-poll:64
    says(text, "still asks " + std::to_string(polling.http_requests) + "\ntimes, and " +
                   std::to_string(polling.empty_responses) +
                   " of its polls come back empty, like the selected one");
    says(text, "Its updates still wait\n" + ms(polling.latency.mean) + " on average");
    CHECK(polling.empty_responses * 10 > polling.http_requests * 9);  // nearly every poll is wasted
    const sim::Lane& held_lane = lane_of(trace, Transport::long_poll);
    const sim::LaneMetrics held = sim::compute_metrics(held_lane);
    CHECK(held.latency.max == transit);
    // Every empty answer is the timeout: sent that long after the request it ends arrived.
    std::size_t timeouts = 0;
    for (std::size_t i = 1; i < held_lane.frames.size(); ++i) {
      if (held_lane.frames[i].layer != sim::Layer::http ||
          !labelled(held_lane.frames[i], "204 No Content"))
        continue;
      const sim::WireFrame& asked = held_lane.frames[i - 1];
      CHECK(labelled(asked, "GET /lp"));
      CHECK(held_lane.frames[i].sent_at - *asked.received_at == scenario.long_poll.timeout);
      ++timeouts;
    }
    CHECK(timeouts == held.empty_responses);
    says(text, "Long polling makes " + std::to_string(held.http_requests) +
                   " requests: " + std::to_string(held.empty_responses) +
                   " of them end empty when the " + seconds(scenario.long_poll.timeout, 0) +
                   " timeout passes, and every\nupdate arrives " + ms(held.latency.mean));
  }

  SUBCASE("what an update costs: the table, from rare to frequent") {
    const std::string& text = lesson.step("What an update costs").text;
    says(text, "everything beyond the " + std::to_string(base.traffic[0].payload_bytes) +
                   " bytes of the update");
    std::map<std::string, std::map<Transport, sim::LaneMetrics>> table;
    for (const std::string& rate : kTableRates) {
      for (const sim::LaneMetrics& m : row_at(base, rate)) table[rate][m.transport] = m;
      const auto cell = [&](Transport t) {
        return fixed(table[rate][t].overhead_bytes_per_message, 1);
      };
      says(text, "| " + rate + " | " + cell(Transport::short_poll) + " | " +
                     cell(Transport::long_poll) + " | " + cell(Transport::websocket) + " | " +
                     cell(Transport::sse) + " |");
    }
    // The step's own scenario is the row of its rate.
    const sim::Trace trace = lesson.run("What an update costs");
    CHECK(metrics(trace, Transport::short_poll) == table["0.1"][Transport::short_poll]);
    const auto overhead = [&](const std::string& rate, Transport t) {
      return table[rate][t].overhead_bytes_per_message;
    };
    CHECK(overhead("1", Transport::short_poll) < overhead("1", Transport::long_poll));
    says(text,
         "at 20 a second it spends " + fixed(overhead("20", Transport::short_poll), 1) + " bytes");
    CHECK(overhead("20", Transport::long_poll) < overhead("1", Transport::long_poll));
    says(quiz, "from " + fixed(overhead("0.01", Transport::short_poll), 1) +
                   " bytes at 0.01 a second to " + fixed(overhead("20", Transport::short_poll), 1) +
                   " at 20");
    double least = 1e9;
    double most = 0;
    for (const std::string& rate : kTableRates) {
      least = std::min(least, overhead(rate, Transport::websocket));
      most = std::max(most, overhead(rate, Transport::websocket));
    }
    says(quiz,
         "WebSocket pays per update: " + fixed(least, 1) + " to " + fixed(most, 1) + " bytes");
    const sim::Lane& socket = lane_of(trace, Transport::websocket);
    const sim::WireFrame& frame = socket.frames[find_labelled(socket, "WS text")];
    says(text, "a " + std::to_string(frame.size() - decoded(frame).frame.payload.size()) +
                   "-byte WebSocket header");

    // Setup, left out of the figures: what opens each push connection. Each lane opens one, so
    // it is the same at every rate.
    const sim::Lane& stream = lane_of(trace, Transport::sse);
    const sim::WireFrame& stream_request = stream.frames[find_labelled(stream, "GET /events")];
    const sim::WireFrame& stream_head = first_of(stream, "response-head");
    const sim::WireFrame& stream_retry = first_of(stream, "retry");
    CHECK(labelled(stream_head, "200"));
    CHECK(stream_request.setup);
    CHECK(stream_head.setup);
    CHECK(stream_retry.setup);
    const std::uint64_t opening = stream_request.size() + stream_head.size() + stream_retry.size();
    const std::uint64_t handshake = socket.frames[find_labelled(socket, "GET /ws")].size() +
                                    socket.frames[find_labelled(socket, "101")].size();
    for (const std::string& rate : kTableRates) {
      CAPTURE(rate);
      CHECK(table[rate][Transport::sse].bytes.setup == opening);
      CHECK(table[rate][Transport::websocket].bytes.setup == handshake);
    }
    says(text, "the WebSocket's\nhandshake, " + std::to_string(handshake) +
                   " bytes, and the event stream's `GET`, `200` head and `retry:` chunk, " +
                   std::to_string(opening) + " bytes");

    // What is left: a WebSocket's frame headers and its closing frames, paid once at the end.
    const std::size_t header = frame.size() - decoded(frame).frame.payload.size();
    std::uint64_t closing = 0;
    for (const sim::WireFrame& f : socket.frames) {
      if (f.layer != sim::Layer::websocket) continue;
      if (f.kind == "close") {
        closing += f.size();
      } else {
        CHECK(f.size() - decoded(f).frame.payload.size() == header);
      }
    }
    for (const std::string& rate : kTableRates) {
      CAPTURE(rate);
      const sim::LaneMetrics& m = table[rate][Transport::websocket];
      CHECK(steady_bytes(m) == header * m.delivered + closing);
    }
    says(text, "only the WebSocket's closing frames, " + std::to_string(closing) +
                   " bytes at the end\nof the run, still count as overhead");
    says(text, fixed(overhead("0.01", Transport::websocket), 1) +
                   " bytes\nper update at 0.01 a second, " +
                   fixed(overhead("1", Transport::websocket), 1) + " at 1 a second");

    // An event's framing: the same bytes for every event, and the digits of its id, which counts
    // up from 1. That is all an event stream pays after its opening, at every rate.
    std::size_t framing = 0;
    std::uint64_t next_id = 1;
    for (const sim::WireFrame& f : stream.frames) {
      if (f.layer != sim::Layer::sse || f.kind != "event") continue;
      REQUIRE(f.messages.size() == 1);
      const std::string id = event_id(f);
      CHECK(id == std::to_string(next_id++));
      const std::size_t bytes = f.size() - stream.messages[f.messages[0]].payload_bytes - id.size();
      if (framing == 0) framing = bytes;
      CHECK(bytes == framing);
    }
    REQUIRE(framing > 0);
    says(text,
         "an event's framing, " + std::to_string(framing) +
             " bytes (its `id:`\nand `data:` lines, the empty line, the chunk's size and line "
             "ends) and the digits of its id");
    for (const std::string& rate : kTableRates) {
      CAPTURE(rate);
      const sim::LaneMetrics& m = table[rate][Transport::sse];
      CHECK(m.lost == 0);
      std::uint64_t digits = 0;
      for (std::uint64_t id = 1; id <= m.delivered; ++id) digits += std::to_string(id).size();
      CHECK(steady_bytes(m) == framing * m.delivered + digits);
    }
    CHECK(overhead("0.01", Transport::sse) < overhead("1", Transport::sse));
    CHECK(overhead("1", Transport::sse) < overhead("20", Transport::sse));
    says(text, "the ids count up, to " + std::to_string(table["20"][Transport::sse].delivered) +
                   " at 20 a second");
    says(quiz, "from " + ms(table["0.1"][Transport::short_poll].latency.mean) + " to " +
                   ms(table["20"][Transport::short_poll].latency.mean));
  }

  SUBCASE("when polling is fine: every 10 s, an update a second, and the rules") {
    const std::string& text = lesson.step("When polling is fine").text;
    const sim::Scenario& scenario = scenario_of(lesson, "When polling is fine");
    const Nanoseconds interval = scenario.short_poll.interval;
    CHECK(std::get<sim::Poisson>(scenario.traffic[0].pattern).rate_per_s == 1);
    const sim::Trace trace = lesson.run("When polling is fine");
    const sim::LaneMetrics polling = metrics(trace, Transport::short_poll);
    const sim::LaneMetrics held = metrics(trace, Transport::long_poll);
    const sim::LaneMetrics events = metrics(trace, Transport::sse);
    check_polling_wait(polling, interval, transit);
    says(text, "This step polls every " + seconds(interval, 0) +
                   ", with an update a second on average. The " +
                   std::to_string(polling.delivered) + " updates wait\n" +
                   ms(polling.latency.mean) + " on average, and " + ms(polling.latency.max) +
                   " at worst");
    const std::uint64_t answered = polling.http_requests - polling.empty_responses;
    says(text, "makes " + std::to_string(polling.http_requests) + " requests, and only " +
                   std::to_string(polling.empty_responses) + " comes\nback empty");
    says(text,
         "carries about " +
             fixed(static_cast<double>(polling.delivered) / static_cast<double>(answered), 0) +
             " updates");
    says(text, fixed(polling.overhead_bytes_per_message, 1) +
                   " bytes of\noverhead per update, close to Server-Sent Events' " +
                   fixed(events.overhead_bytes_per_message, 1) +
                   ", and far less than long polling's " +
                   fixed(held.overhead_bytes_per_message, 1));
    CHECK(std::abs(polling.overhead_bytes_per_message - events.overhead_bytes_per_message) < 10);
    CHECK(held.overhead_bytes_per_message > 5 * polling.overhead_bytes_per_message);
    says(quiz, "Polling every 10 s waits " + ms(polling.latency.mean) + " on average, with " +
                   std::to_string(polling.http_requests) + " requests in ten minutes and " +
                   fixed(polling.overhead_bytes_per_message, 1) +
                   " bytes of overhead per update, against long polling's " +
                   fixed(held.overhead_bytes_per_message, 1));
    // The rules, on every rate of the table: polling waits half an interval and a transit,
    // whatever the rate; long polling is nearly push below one update per round trip, and takes
    // three transits at worst above; push takes one transit.
    for (const std::string& rate : kTableRates) {
      CAPTURE(rate);
      const std::vector<sim::LaneMetrics>& row = row_at(base, rate);
      check_polling_wait(metrics_of(row, Transport::short_poll), base.short_poll.interval, transit);
      const sim::LaneMetrics& long_polling = metrics_of(row, Transport::long_poll);
      if (std::stod(rate) * (round_trip / 1.0s) < 1) {
        CHECK(long_polling.latency.mean < transit + transit / 5);
      } else {
        CHECK(long_polling.latency.max <= 3 * transit);
        CHECK(3 * transit - long_polling.latency.max < 1ms);
      }
      CHECK(metrics_of(row, Transport::websocket).latency.p95 == transit);
      CHECK(metrics_of(row, Transport::sse).latency.p95 == transit);
    }
  }
}

}  // namespace pushlab::lesson_test
