// What every lesson test shares. Each lesson's test computes every figure its text states from
// the step's own scenario (its `set` applied) and looks for it in the step's text, so that a change
// to the simulator that changes a figure fails until the lesson is rewritten.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/lesson/lesson.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/trace/trace.hpp"
#include "sim/wire/bytes.hpp"
#include "sim/wire/sha1.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"

namespace pushlab::lesson_test {

using namespace std::chrono_literals;
using sim::Nanoseconds;
using sim::Transport;

// A lesson as the window walks it: each step with the scenario it shows.
struct LoadedLesson {
  sim::Lesson lesson;
  std::vector<std::optional<sim::Scenario>> scenarios;

  // By its heading as written; md4c may keep or drop a heading's backticks.
  const sim::LessonStep& step(std::string_view title) const;
  // The step's scenario, simulated.
  sim::Trace run(std::string_view title) const;
  // Every quiz question's text, choices and explanation, for figures quoted there.
  std::string quiz_text() const;
};

// lessons/NAME, checked as `pushlab-cli validate` checks it: every scenario, time and frame exists.
LoadedLesson load(const char* name);

// The issue asks that each lesson end with a quiz of at least four questions.
void check_final_quiz(const sim::Lesson& lesson);

// The phrase, as written, must appear in the text; runs of spaces and line breaks count as one
// space, so that a phrase may wrap in the Markdown.
void says(std::string_view text, const std::string& phrase);

// Figures as the lessons write them: fixed(2.5, 2) "2.50", ms(t) "50.0 ms", seconds(t, 3) "0.250
// s".
std::string fixed(double value, int decimals);
std::string ms(Nanoseconds t);
std::string seconds(Nanoseconds t, int decimals);

const sim::Lane& lane_of(const sim::Trace& trace, Transport transport);

// Frames by the label the window gives them ("GET /poll", "101", "WS text").
bool labelled(const sim::WireFrame& frame, std::string_view start);
// The index of the first frame at or after `from` whose label starts with `start`.
std::size_t find_labelled(const sim::Lane& lane, std::string_view start, std::size_t from = 0);
// How many HTTP frames' labels start with `start`.
std::size_t count_labelled(const sim::Lane& lane, std::string_view start);

Nanoseconds latency(const sim::Message& message);

std::string text_of(const sim::WireFrame& frame);
// An HTTP message's head as a Markdown code block shows it: LF line ends, no blank last line.
std::string head_as_shown(const sim::WireFrame& frame);
std::string hex(const sim::wire::Sha1Digest& digest);
// The first `count` bytes as the lessons write them: "81 14".
std::string hex_bytes(sim::wire::ByteView bytes, std::size_t count);
// A WebSocket frame of the Trace, taken apart as a reader with no role does.
sim::wire::websocket::DecodedFrame decoded(const sim::WireFrame& frame);

// Sweeps: figures at more clients than a step shows, as `pushlab-cli sweep` computes them.

// The step's scenario, its `set` applied: for runs a step describes without showing them, such
// as a sweep over client counts.
const sim::Scenario& scenario_of(const LoadedLesson& lesson, std::string_view title);

// Every lane's figures with `clients` clients, as `pushlab-cli sweep` simulates each row.
std::vector<sim::LaneMetrics> sweep_row(sim::Scenario scenario, int clients);
const sim::LaneMetrics& metrics_of(const std::vector<sim::LaneMetrics>& row, Transport transport);

// The bandwidth `pushlab-cli sweep` prints (sim::server_load): every byte the server's links
// carried, with the modelled TCP/IP/TLS headers, in bits per second over the run.
double sweep_bandwidth_bps(const sim::LaneMetrics& metrics, Nanoseconds duration);
// As the sweep's table prints it: mbits(433000.0) "0.433 Mbit/s".
std::string mbits(double bits_per_second);

// A sweep at the scenario's own client count and at twice it, as the interview walkthroughs run
// it: the text must show both rows of the sweep's table (Mbit/s per transport in `columns`), and
// the cost per client must be the same at both counts, within 1%.
struct DoubledSweep {
  int fewer = 0;
  int more = 0;
  std::vector<sim::LaneMetrics> row_fewer;
  std::vector<sim::LaneMetrics> row_more;
  Nanoseconds duration{};

  // Bits per second per client, at the smaller count or the larger.
  double per_client(Transport transport, bool at_more) const;
};
DoubledSweep doubled_sweep(const sim::Scenario& scenario, std::string_view text,
                           const std::vector<Transport>& columns);

// Every lane's figures, in the Trace's order.
std::vector<sim::LaneMetrics> all_metrics(const sim::Trace& trace);

// A row of a Markdown table with a column per transport: "| mean latency | 465.5 ms | ... |".
template <typename Cell>
std::string table_row(const std::string& head, const std::vector<sim::LaneMetrics>& row,
                      const std::vector<Transport>& columns, Cell cell) {
  std::string line = "| " + head + " |";
  for (const Transport transport : columns) line += " " + cell(metrics_of(row, transport)) + " |";
  return line;
}

// How many times `part` occurs in the text ("**One-line answer:**").
std::size_t occurrences(std::string_view text, std::string_view part);

// What opens an event stream, all of it setup: the `GET /events`, the stream's response head and
// its `retry:` chunk, one of each per stream. Checks that no other application bytes are setup.
struct StreamOpening {
  std::size_t streams = 0;
  std::uint64_t bytes = 0;
};
StreamOpening stream_opening(const sim::Lane& lane);

// A scenario file as shipped (scenarios/NAME), before any step's `set`: what a step changed.
sim::Scenario shipped_scenario(const char* name);

}  // namespace pushlab::lesson_test
