// Lesson 7, overhead at scale: every figure its text states, computed from the scenarios it points
// at, and the sweep's rows from the same scenario at 1,000 and 10,000 clients. The lesson's figures
// for 100,000 are ten times those for 10,000; this test shows why that holds (each browser costs
// the same, but for the digits of its number in `?client=N`) and that the digits do not change
// them.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sim/lesson/settings.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/transports/simulate.hpp"
#include "tests/lessons/lesson_support.hpp"

namespace pushlab::lesson_test {

namespace {

// Thousands grouped as the lesson writes them: 6920790 "6,920,790".
std::string grouped(std::uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Two significant figures, as "about 360": 359.1 "360", 62.8 "63", 0.643 "0.64".
std::string about(double value) {
  const int magnitude = static_cast<int>(std::floor(std::log10(value)));
  const double unit = std::pow(10.0, magnitude - 1);
  return fixed(std::round(value / unit) * unit, std::max(0, 1 - magnitude));
}

double seconds_of(Nanoseconds duration) {
  return static_cast<double>(duration.count()) / 1e9;
}

// The sweep's overhead column: application bytes beyond the payload after setup, per second.
double sweep_overhead_bps(const sim::LaneMetrics& metrics, Nanoseconds duration) {
  return metrics.overhead_bytes_per_message * static_cast<double>(metrics.delivered) * 8 /
         seconds_of(duration);
}

// Every browser's number as its requests write it (`?client=1` to `?client=N`): digits in all.
std::uint64_t client_number_digits(int clients) {
  std::uint64_t digits = 0;
  for (int n = 1; n <= clients; ++n) digits += std::to_string(n).size();
  return digits;
}

// What the polls that came back `204 No Content` cost: each with the request it answered.
std::uint64_t empty_poll_bytes(const sim::Lane& lane) {
  std::map<sim::ConnectionId, std::uint64_t> asked;  // the last request on each connection
  std::uint64_t bytes = 0;
  for (const sim::WireFrame& frame : lane.frames) {
    if (frame.layer != sim::Layer::http) continue;
    if (frame.kind == "request") asked[frame.connection] = frame.size();
    if (labelled(frame, "204 No Content")) bytes += asked.at(frame.connection) + frame.size();
  }
  return bytes;
}

// The rows of `pushlab-cli sweep` at 10,000 clients, simulated once for the two steps that use
// them.
const std::vector<sim::LaneMetrics>& at_ten_thousand(const sim::Scenario& scenario) {
  static const std::vector<sim::LaneMetrics> row = sweep_row(scenario, 10'000);
  return row;
}

}  // namespace

TEST_CASE("lesson 7, overhead at scale: polling and WebSocket from 1,000 to 100,000 clients") {
  // Loaded and checked once: checking simulates every step, and each SUBCASE runs this again.
  static const LoadedLesson lesson = load("07-overhead-at-scale.md");
  check_final_quiz(lesson.lesson);
  const std::string quiz = lesson.quiz_text();
  const std::string& intro = lesson.lesson.introduction;
  const sim::Scenario& crowd = scenario_of(lesson, "A thousand browsers");
  const double duration_s = seconds_of(crowd.duration);
  says(intro, grouped(static_cast<std::uint64_t>(crowd.clients)) + " browsers");
  says(intro, "for " + seconds(crowd.duration, 0));
  says(intro, std::to_string(crowd.network.latency / 1ms) + " ms away");
  REQUIRE(crowd.traffic.size() == 1);
  const auto& updates = std::get<sim::Periodic>(crowd.traffic[0].pattern);
  says(intro, "Every " + seconds(updates.interval, 0) + ", from " + seconds(updates.start, 1) +
                  " on, the server has a " + std::to_string(crowd.traffic[0].payload_bytes) +
                  "-byte update");
  CHECK(crowd.short_poll.interval == 1s);

  SUBCASE("what one browser costs: 199 bytes for an empty poll") {
    const std::string& text = lesson.step("What one browser costs").text;
    CHECK(scenario_of(lesson, "What one browser costs").clients == 1);
    const sim::Trace trace = lesson.run("What one browser costs");
    const sim::Lane& lane = lane_of(trace, Transport::short_poll);
    const sim::WireFrame& poll = lane.frames[find_labelled(lane, "GET /poll")];
    CHECK(text_of(poll).starts_with("GET /poll?client=1 HTTP/1.1"));
    const sim::WireFrame& empty = lane.frames[find_labelled(lane, "204 No Content")];
    says(text, "`GET /poll?client=1`, is " + std::to_string(poll.size()) + " bytes");
    says(text, "`204 No Content`, " + std::to_string(empty.size()) + " bytes. That is " +
                   std::to_string(poll.size() + empty.size()) + " bytes\nfor nothing");
    const sim::WireFrame& selected = lane.frames.at(10);  // the selected short-poll:10
    CHECK(labelled(selected, "200 OK"));
    REQUIRE(selected.messages == std::vector<sim::MessageId>{0});
    says(text, "first update: " + std::to_string(selected.size()) + " bytes, of which " +
                   std::to_string(lane.messages[0].payload_bytes) + " are the update");
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.empty_responses * 5 == metrics.http_requests * 4);
    says(text, "polls " + std::to_string(metrics.http_requests) + " times, and " +
                   std::to_string(metrics.empty_responses) +
                   " of its polls come back empty: four in five");
    says(text, "moves " + grouped(metrics.bytes.app) + " bytes to receive " +
                   grouped(metrics.bytes.payload) + " bytes of updates, and " +
                   grouped(empty_poll_bytes(lane)) + " of them are the empty polls");
    CHECK(std::all_of(lane.frames.begin(), lane.frames.end(), [&](const sim::WireFrame& frame) {
      return frame.layer != sim::Layer::http ||
             frame.transport_overhead == selected.transport_overhead;
    }));
    says(text, "add " + std::to_string(selected.transport_overhead) + " bytes to each");
    says(text, grouped(metrics.bytes.ip) + " bytes in all");
  }

  SUBCASE("a thousand browsers: 1,000 requests a second, updates or not") {
    const std::string& text = lesson.step("A thousand browsers").text;
    const sim::Trace trace = lesson.run("A thousand browsers");
    const sim::Lane& lane = lane_of(trace, Transport::short_poll);
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.http_requests % static_cast<std::uint64_t>(duration_s) == 0);
    says(text, grouped(static_cast<std::uint64_t>(crowd.clients)) + " browsers, each polling");
    says(text, grouped(metrics.http_requests) + " requests in " + seconds(crowd.duration, 0) +
                   ", " + grouped(metrics.http_requests / static_cast<std::uint64_t>(duration_s)) +
                   " a second, and " + grouped(metrics.empty_responses) + " of them find nothing");
    says(quiz, grouped(static_cast<std::uint64_t>(crowd.clients)) + " browsers make " +
                   grouped(metrics.http_requests) + " requests in " + seconds(crowd.duration, 0));
    // The same scenario with no traffic at all.
    const sim::Scenario quiet = sim::apply_settings(
        crowd, {{"traffic", nlohmann::ordered_json::array()}}, "the lesson 7 test");
    const sim::LaneMetrics without =
        metrics_of(sim::simulate_metrics(quiet), Transport::short_poll);
    CHECK(without.delivered == 0);
    CHECK(without.http_requests == metrics.http_requests);
    says(text, "with no updates at all, the server would get\nthe same " +
                   grouped(without.http_requests) + " requests");
    says(quiz, "the same " + grouped(without.http_requests) + " with no updates at all");
    says(text, grouped(metrics.bytes.app) + " bytes of HTTP to deliver " +
                   grouped(metrics.bytes.payload) + " bytes of updates");
    const std::uint64_t empty = empty_poll_bytes(lane);
    const std::string share =
        fixed(100.0 * static_cast<double>(empty) / static_cast<double>(metrics.bytes.app), 1) + "%";
    says(text, "alone are " + grouped(empty) + " bytes, " + share + " of it");
    says(quiz, grouped(empty) + " of " + grouped(metrics.bytes.app) + " bytes, " + share);
    says(quiz,
         grouped(metrics.empty_responses) + " of the " + grouped(metrics.http_requests) + " polls");
    says(text, grouped(metrics.bytes.ip) +
                   " bytes: " + mbits(sweep_bandwidth_bps(metrics, crowd.duration)) + " over the " +
                   seconds(crowd.duration, 0));
  }

  SUBCASE("long polling: a request per update, still a whole HTTP exchange each") {
    const std::string& text = lesson.step("Long polling: a request per update").text;
    const sim::Trace trace = lesson.run("Long polling: a request per update");
    const sim::LaneMetrics metrics = sim::compute_metrics(lane_of(trace, Transport::long_poll));
    const auto clients = static_cast<std::uint64_t>(crowd.clients);
    const std::uint64_t per_browser = metrics.delivered / clients;
    CHECK(metrics.delivered == clients * per_browser);
    CHECK(metrics.http_requests == clients * (1 + per_browser));
    says(text, grouped(metrics.http_requests) +
                   " requests: one each at the start, then one after each of the " +
                   std::to_string(per_browser) + " updates");
    CHECK(metrics.empty_responses == 0);
    CHECK(metrics.latency.max == metrics.latency.mean);
    const sim::Trace polled = lesson.run("A thousand browsers");
    const sim::LaneMetrics short_poll =
        sim::compute_metrics(lane_of(polled, Transport::short_poll));
    says(text, "every update arrives " + ms(metrics.latency.mean) +
                   " after it was created, where short polling\ntook " +
                   ms(short_poll.latency.mean) + " on average");
    says(text, fixed(metrics.overhead_bytes_per_message, 1) +
                   " bytes of overhead per update,\nfor " +
                   std::to_string(crowd.traffic[0].payload_bytes) + " bytes of payload");
    says(quiz, "against long polling's " + fixed(metrics.overhead_bytes_per_message, 1));
    says(text, grouped(metrics.bytes.app) + " application bytes, and " + grouped(metrics.bytes.ip) +
                   " with the modelled\nTCP/IP headers: " +
                   mbits(sweep_bandwidth_bps(metrics, crowd.duration)));
  }

  SUBCASE("WebSocket: a handshake per connection, then a 2-byte header per update") {
    const std::string& text = lesson.step("WebSocket: one handshake, then 2 bytes an update").text;
    const sim::Trace trace = lesson.run("WebSocket: one handshake, then 2 bytes an update");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    const auto clients = static_cast<std::uint64_t>(crowd.clients);
    CHECK(metrics.http_requests == clients);
    CHECK(metrics.connections_opened == clients);
    says(text, "for " + grouped(clients) + " browsers, " + grouped(metrics.http_requests) +
                   "\nrequests and " + grouped(metrics.bytes.setup) + " bytes of setup");
    says(quiz, grouped(metrics.bytes.setup) + " bytes of setup");
    std::vector<Nanoseconds> switched;  // when each 101 left the server
    for (const sim::WireFrame& frame : lane.frames) {
      if (frame.layer == sim::Layer::http && labelled(frame, "101"))
        switched.push_back(frame.sent_at);
    }
    REQUIRE(switched.size() == clients);
    CHECK(std::all_of(switched.begin(), switched.end(),
                      [&](Nanoseconds t) { return t == switched.front(); }));
    says(text, "the " + grouped(clients) + " `101` responses all leave the server at " +
                   seconds(switched.front(), 2));
    namespace ws = sim::wire::websocket;
    const sim::WireFrame& selected = lane.frames[find_labelled(lane, "WS text")];
    const ws::DecodedFrame update = decoded(selected);
    CHECK_FALSE(update.frame.header.masked);
    const std::size_t header = selected.size() - update.frame.payload.size();
    CHECK(update.frame.payload.size() == crowd.traffic[0].payload_bytes);
    says(text, "like the selected one: " + std::to_string(selected.size()) + " bytes, a " +
                   std::to_string(header) + "-byte header and the\n" +
                   std::to_string(update.frame.payload.size()) + " bytes of the update");
    says(quiz, "a " + std::to_string(selected.size()) + "-byte frame");
    says(quiz, "then " + std::to_string(selected.size()) + "-byte frames: " +
                   fixed(metrics.overhead_bytes_per_message, 1) + " bytes of overhead per update");
    // The browser's close frame: masked, so 4 bytes of masking key on top of the 2.
    std::uint64_t frame_overhead = 0;  // every WebSocket byte that is not an update's payload
    std::optional<std::size_t> browser_close_header;
    for (const sim::WireFrame& frame : lane.frames) {
      if (frame.layer != sim::Layer::websocket) continue;
      const ws::DecodedFrame taken = decoded(frame);
      const bool text_frame = taken.frame.header.opcode == ws::Opcode::text;
      frame_overhead += text_frame ? frame.size() - taken.frame.payload.size() : frame.size();
      if (taken.frame.header.opcode == ws::Opcode::close && taken.frame.header.masked &&
          !browser_close_header) {
        browser_close_header = frame.size() - taken.frame.payload.size();
      }
    }
    REQUIRE(browser_close_header);
    CHECK(*browser_close_header == header + 4);  // the masking key
    says(text, "which costs " + std::to_string(*browser_close_header - header) +
                   "\nmore bytes: its close frame at the end has a " +
                   std::to_string(*browser_close_header) + "-byte header");
    says(quiz,
         "so its close frame has a " + std::to_string(*browser_close_header) + "-byte header");
    CHECK(metrics.bytes.app - metrics.bytes.setup - metrics.bytes.payload == frame_overhead);
    says(text, "The overhead comes to " + fixed(metrics.overhead_bytes_per_message, 1) +
                   " bytes per\nupdate: the " + std::to_string(header) +
                   "-byte headers and the closing frames");
    says(text, grouped(metrics.bytes.app) + " application bytes, of which " +
                   grouped(metrics.bytes.setup) + " are setup, and " + grouped(metrics.bytes.ip) +
                   " with the\nmodelled TCP/IP headers: " +
                   mbits(sweep_bandwidth_bps(metrics, crowd.duration)));
    CHECK(std::all_of(lane.frames.begin(), lane.frames.end(), [&](const sim::WireFrame& frame) {
      return frame.layer != sim::Layer::websocket ||
             frame.transport_overhead == selected.transport_overhead;
    }));
    CHECK(selected.transport_overhead > header);
    says(text, std::to_string(selected.transport_overhead) +
                   " bytes\nfor each frame, against its " + std::to_string(header) +
                   "-byte header");
  }

  SUBCASE("ten times the crowd: the sweep's rows, and each browser costs the same") {
    const std::string& text = lesson.step("Ten times the crowd").text;
    const sim::Scenario& scenario = scenario_of(lesson, "Ten times the crowd");
    CHECK(scenario.clients == 1000);
    const std::vector<sim::LaneMetrics> small = sweep_row(scenario, 1000);
    const std::vector<sim::LaneMetrics>& big = at_ten_thousand(scenario);
    says(text, "pushlab-cli sweep scenarios/crowd.json --clients 1000,10000");
    for (const auto& [clients, row] : {std::pair{1000, &small}, std::pair{10'000, &big}}) {
      for (const sim::LaneMetrics& m : *row) {
        const std::string bandwidth = mbits(sweep_bandwidth_bps(m, scenario.duration));
        const std::string overhead = mbits(sweep_overhead_bps(m, scenario.duration));
        says(text, std::to_string(clients) + " " + std::string(sim::to_string(m.transport)) + " " +
                       bandwidth.substr(0, bandwidth.find(' ')) + " " +
                       overhead.substr(0, overhead.find(' ')) + " " +
                       std::to_string(m.bytes.setup));
      }
    }
    // Each browser costs the same at 10,000 as at 1,000, but for the digits of its number.
    const std::uint64_t small_digits = client_number_digits(1000);
    const std::uint64_t big_digits = client_number_digits(10'000);
    for (const sim::LaneMetrics& s : small) {
      const sim::LaneMetrics& b = metrics_of(big, s.transport);
      CAPTURE(sim::to_string(s.transport));
      CHECK(b.http_requests == 10 * s.http_requests);
      CHECK(b.empty_responses == 10 * s.empty_responses);
      CHECK(b.delivered == 10 * s.delivered);
      CHECK(b.connections_opened == 10 * s.connections_opened);
      REQUIRE(s.http_requests % 1000 == 0);
      const std::uint64_t requests_per_browser = s.http_requests / 1000;
      const std::uint64_t more_digits = requests_per_browser * (big_digits - 10 * small_digits);
      CHECK(b.bytes.app == 10 * s.bytes.app + more_digits);
      CHECK(b.bytes.ip == 10 * s.bytes.ip + more_digits);
      CHECK(b.bytes.setup == 10 * s.bytes.setup + (s.bytes.setup > 0 ? more_digits : 0));
      CHECK(b.bytes.payload == 10 * s.bytes.payload);
    }
    const sim::LaneMetrics& polls = metrics_of(big, Transport::short_poll);
    says(text,
         "ten times the requests: " + grouped(polls.http_requests) + " short polls, of which\n" +
             grouped(polls.empty_responses) + " come back empty, " +
             grouped(metrics_of(big, Transport::long_poll).http_requests) + " long polls, and " +
             grouped(metrics_of(big, Transport::websocket).http_requests) + " opening handshakes");
    says(quiz, "10,000 browsers make " + grouped(polls.http_requests) + " requests in " +
                   seconds(scenario.duration, 0) + ", exactly ten times the " +
                   grouped(metrics_of(small, Transport::short_poll).http_requests) + " of 1,000");
    says(text, "that number has " + fixed(static_cast<double>(big_digits) / 10'000, 2) +
                   "\ndigits on average among 10,000 browsers, against " +
                   fixed(static_cast<double>(small_digits) / 1000, 2) + " among 1,000");
  }

  SUBCASE("a hundred thousand: ten times 10,000, which the digits do not change") {
    const std::string& text = lesson.step("A hundred thousand").text;
    const sim::Scenario& scenario = scenario_of(lesson, "A hundred thousand");
    const std::vector<sim::LaneMetrics>& big =
        at_ten_thousand(scenario_of(lesson, "Ten times the crowd"));
    // What 100,000 browsers would add beyond ten times 10,000: one more digit in most numbers.
    const std::uint64_t more_digits =
        client_number_digits(100'000) - 10 * client_number_digits(10'000);
    const auto ten_times = [&](double at_10k, double digits_bps) {
      const std::string product = about(10 * at_10k);
      CHECK_MESSAGE(about(10 * at_10k + digits_bps) == product,
                    "the digits change the rounded figure " << product);
      return "about " + product + " Mbit/s";
    };
    const auto digits_bps = [&](const sim::LaneMetrics& m) {
      return static_cast<double>(m.http_requests / 10'000 * more_digits) * 8 /
             seconds_of(scenario.duration) / 1e6;
    };
    const auto mbit = [&](const sim::LaneMetrics& m) {
      return sweep_bandwidth_bps(m, scenario.duration) / 1e6;
    };
    const sim::LaneMetrics& polls = metrics_of(big, Transport::short_poll);
    CHECK(polls.empty_responses * 5 == polls.http_requests * 4);
    says(quiz, "Ten times as many: " +
                   grouped(10 * polls.http_requests / static_cast<std::uint64_t>(duration_s)) +
                   " a second");
    says(text,
         "Short polling: " +
             grouped(10 * polls.http_requests / static_cast<std::uint64_t>(duration_s)) +
             " requests a second, four in five of them empty, and " +
             ten_times(mbit(polls), digits_bps(polls)) + ", of\nwhich " +
             ten_times(sweep_overhead_bps(polls, scenario.duration) / 1e6, digits_bps(polls)) +
             " is HTTP headers");
    const sim::LaneMetrics& long_polls = metrics_of(big, Transport::long_poll);
    says(text, "Long polling: " + grouped(10 * long_polls.http_requests) + "\nrequests in the " +
                   seconds(scenario.duration, 0) + " and " +
                   ten_times(mbit(long_polls), digits_bps(long_polls)));
    const sim::LaneMetrics& sockets = metrics_of(big, Transport::websocket);
    CHECK(sockets.http_requests == sockets.connections_opened);  // the handshakes, nothing more
    const double setup = 10.0 * static_cast<double>(sockets.bytes.setup);
    const double setup_with_digits = setup + static_cast<double>(more_digits);
    CHECK(std::floor(setup / 10e6) == 4);  // "more than 40 MB", and not more than 50
    CHECK(std::floor(setup_with_digits / 10e6) == 4);
    says(text, "WebSocket: " + grouped(10 * sockets.http_requests) +
                   " opening handshakes, more than\n40 MB of them");
    says(text, "then no requests at all, " + ten_times(mbit(sockets), digits_bps(sockets)) +
                   ", and\n" + ten_times(sweep_overhead_bps(sockets, scenario.duration) / 1e6, 0) +
                   " of overhead");
  }
}

}  // namespace pushlab::lesson_test
