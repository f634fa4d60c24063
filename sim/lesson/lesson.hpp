#pragma once
// A lesson: a Markdown file (lessons/NN-slug.md) that reads well on its own and walks a learner
// through a subject step by step. Its `#` heading is its title; each `##` heading starts a step.
// A fenced block tagged `pushlab` holds the step's directives as JSON: where the diagram goes
//
//   {"scenario": "scenarios/chat.json", "at": 0.35, "lanes": ["websocket"], "select": "101",
//    "set": {"proxy.strip_upgrade": true}}
//
// and a fenced block tagged `quiz` holds a question ({"question", "choices", "answer", "why"},
// `answer` counting choices from 0). Lines are counted from 1, for errors and editors.
//
// Every member has a default, so that a designated initializer may leave any of them out.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/engine/nanoseconds.hpp"
#include "sim/scenario/transport.hpp"

namespace pushlab::sim {

// Where a step puts the diagram, the inspector and the parameters. A field left out keeps what
// the step before set (a lesson's first step starts from its scenario at 0).
struct StepDirectives {
  std::optional<std::string> scenario{};  // a file, relative to the lessons folder's parent
  std::optional<Nanoseconds> at{};
  std::vector<Transport> lanes{};       // shown lanes; empty: all
  std::optional<std::string> select{};  // a frame, as `pushlab --select` names one
  // Scenario fields to change, by dotted path ("proxy.strip_upgrade"), in the order written:
  // for this step only, on the scenario as its file has it (a step that wants them again says
  // so again), so that each step reads on its own.
  std::vector<std::pair<std::string, nlohmann::ordered_json>> set{};
  std::size_t line = 0;  // of the block's opening fence
};

struct QuizQuestion {
  std::string question{};
  std::vector<std::string> choices{};
  std::size_t answer = 0;  // index into choices
  std::string why{};       // shown once answered
  std::size_t line = 0;
};

struct LessonStep {
  std::string title{};  // the `##` heading's text
  std::string text{};   // the step's Markdown, its heading and pushlab and quiz blocks left out
  std::optional<StepDirectives> directives{};
  std::vector<QuizQuestion> quiz{};
  std::size_t line = 0;  // of the heading
};

struct Lesson {
  std::string title;         // the `#` heading's text
  std::string introduction;  // Markdown before the first step
  std::vector<LessonStep> steps;
};

}  // namespace pushlab::sim
