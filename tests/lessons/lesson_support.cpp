// What every lesson test shares: loading a lesson as the window walks it, and writing the
// simulator's figures the way the lessons write them.

#include "tests/lessons/lesson_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "sim/lesson/load.hpp"
#include "sim/lesson/step_scenarios.hpp"
#include "sim/scenario/load.hpp"
#include "sim/transports/simulate.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "viz/model/frame_label.hpp"
#include "viz/model/lesson_check.hpp"

namespace pushlab::lesson_test {

namespace {

std::string without_backticks(std::string_view text) {
  std::string out(text);
  std::erase(out, '`');
  return out;
}

}  // namespace

// By its heading as written; md4c may keep or drop a heading's backticks.
const sim::LessonStep& LoadedLesson::step(std::string_view title) const {
  const auto found =
      std::find_if(lesson.steps.begin(), lesson.steps.end(), [&](const sim::LessonStep& s) {
        return without_backticks(s.title) == without_backticks(title);
      });
  REQUIRE_MESSAGE(found != lesson.steps.end(), "no step titled " << title);
  return *found;
}

sim::Trace LoadedLesson::run(std::string_view title) const {
  return sim::simulate(scenario_of(*this, title));
}

std::string LoadedLesson::quiz_text() const {
  std::string text;
  for (const sim::LessonStep& s : lesson.steps) {
    for (const sim::QuizQuestion& q : s.quiz) {
      text += q.question + "\n" + q.why + "\n";
      for (const std::string& choice : q.choices) text += choice + "\n";
    }
  }
  return text;
}

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
std::size_t find_labelled(const sim::Lane& lane, std::string_view start, std::size_t from) {
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
  std::erase(head, '\r');  // an HTTP head has CR only before LF
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

const sim::Scenario& scenario_of(const LoadedLesson& lesson, std::string_view title) {
  const auto index = static_cast<std::size_t>(&lesson.step(title) - lesson.lesson.steps.data());
  REQUIRE(lesson.scenarios[index]);
  return *lesson.scenarios[index];
}

std::vector<sim::LaneMetrics> sweep_row(sim::Scenario scenario, int clients) {
  scenario.clients = clients;
  return sim::simulate_metrics(scenario);
}

const sim::LaneMetrics& metrics_of(const std::vector<sim::LaneMetrics>& row, Transport transport) {
  const auto found = std::find_if(
      row.begin(), row.end(), [&](const sim::LaneMetrics& m) { return m.transport == transport; });
  REQUIRE(found != row.end());
  return *found;
}

double sweep_bandwidth_bps(const sim::LaneMetrics& metrics, Nanoseconds duration) {
  return sim::server_load(metrics, duration).bandwidth_bps;
}

std::string mbits(double bits_per_second) {
  return fixed(bits_per_second / 1e6, 3) + " Mbit/s";
}

double DoubledSweep::per_client(Transport transport, bool at_more) const {
  const sim::LaneMetrics& metrics = metrics_of(at_more ? row_more : row_fewer, transport);
  return sweep_bandwidth_bps(metrics, duration) / (at_more ? more : fewer);
}

DoubledSweep doubled_sweep(const sim::Scenario& scenario, std::string_view text,
                           const std::vector<Transport>& columns) {
  DoubledSweep sweep{.fewer = scenario.clients,
                     .more = 2 * scenario.clients,
                     .row_fewer = sweep_row(scenario, scenario.clients),
                     .row_more = sweep_row(scenario, 2 * scenario.clients),
                     .duration = scenario.duration};
  const auto cell = [&](const sim::LaneMetrics& m) {
    return mbits(sweep_bandwidth_bps(m, sweep.duration));
  };
  says(text, table_row(std::to_string(sweep.fewer), sweep.row_fewer, columns, cell));
  says(text, table_row(std::to_string(sweep.more), sweep.row_more, columns, cell));
  for (const Transport transport : columns) {
    CHECK(sweep.per_client(transport, true) ==
          doctest::Approx(sweep.per_client(transport, false)).epsilon(0.01));
  }
  return sweep;
}

std::vector<sim::LaneMetrics> all_metrics(const sim::Trace& trace) {
  std::vector<sim::LaneMetrics> row;
  for (const sim::Lane& lane : trace.lanes) row.push_back(sim::compute_metrics(lane));
  return row;
}

std::size_t occurrences(std::string_view text, std::string_view part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1))
    ++count;
  return count;
}

StreamOpening stream_opening(const sim::Lane& lane) {
  StreamOpening opening;
  std::size_t heads = 0;
  std::size_t retries = 0;
  for (const sim::WireFrame& f : lane.frames) {
    const bool get = f.layer == sim::Layer::http && labelled(f, "GET /events");
    const bool head = f.layer == sim::Layer::http && f.kind == "response-head";
    const bool retry = f.layer == sim::Layer::sse && f.kind == "retry";
    opening.streams += get ? 1 : 0;
    heads += head ? 1 : 0;
    retries += retry ? 1 : 0;
    if (head) CHECK(text_of(f).starts_with("HTTP/1.1 200 "));
    if (get || head || retry) {
      CHECK(f.setup);
      opening.bytes += f.size();
    } else if (f.layer != sim::Layer::tcp) {
      CHECK_FALSE(f.setup);
    }
  }
  CHECK(heads == opening.streams);
  CHECK(retries == opening.streams);
  return opening;
}

sim::Scenario shipped_scenario(const char* name) {
  return sim::load_scenario_file(std::filesystem::path(PUSHLAB_SOURCE_DIR) / "scenarios" / name);
}

}  // namespace pushlab::lesson_test
