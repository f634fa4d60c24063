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

}  // namespace pushlab::lesson_test
