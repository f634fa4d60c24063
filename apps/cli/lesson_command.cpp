// pushlab-cli lesson: a lesson in a terminal, step by step, each step's frames drawn as text;
// with --quiz, its questions asked and scored.

#include <filesystem>
#include <iostream>
#include <string>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/common/data_dirs.hpp"
#include "sim/json/input_error.hpp"
#include "sim/lesson/load.hpp"
#include "sim/lesson/step_scenarios.hpp"
#include "sim/transports/simulate.hpp"
#include "viz/model/ascii_diagram.hpp"
#include "viz/model/diagram.hpp"
#include "viz/model/time_format.hpp"

namespace pushlab::cli {

namespace {

struct LessonOptions {
  std::string file;
  bool quiz = false;
  std::size_t frames = 10;
};

std::string underlined(const std::string& text, char line) {
  return text + "\n" + std::string(text.size(), line) + "\n";
}

// The step's scenario, its lanes (or all) from its moment on, as text diagrams.
void print_frames(const sim::Scenario& scenario, const sim::StepDirectives* directives,
                  std::size_t most) {
  const sim::Trace trace = sim::simulate(scenario);
  const viz::Diagram diagram = viz::build_diagram(trace);
  const sim::Nanoseconds at = directives && directives->at ? *directives->at : sim::Nanoseconds{0};
  std::cout << "  [" << scenario.name << " from " << viz::format_time(at) << "]\n";
  for (std::size_t i = 0; i < trace.lanes.size(); ++i) {
    const sim::Lane& lane = trace.lanes[i];
    if (directives && !directives->lanes.empty() &&
        std::find(directives->lanes.begin(), directives->lanes.end(), lane.transport) ==
            directives->lanes.end()) {
      continue;
    }
    std::cout << viz::ascii_diagram(lane, diagram.lanes[i], {.from = at, .most = most}) << "\n";
  }
}

// Asks until it gets a choice; false when the input has ended.
bool ask(const sim::QuizQuestion& question, std::size_t& right) {
  std::cout << "  Q: " << question.question << "\n";
  for (std::size_t i = 0; i < question.choices.size(); ++i) {
    std::cout << "     " << i + 1 << ". " << question.choices[i] << "\n";
  }
  for (;;) {
    std::cout << "  your answer (1-" << question.choices.size() << "): " << std::flush;
    std::string line;
    if (!std::getline(std::cin, line)) return false;
    std::size_t choice = 0;
    try {
      choice = std::stoul(line);
    } catch (const std::exception&) {
    }
    if (choice < 1 || choice > question.choices.size()) continue;
    const bool correct = choice - 1 == question.answer;
    if (correct) ++right;
    std::cout << (correct ? "  Right. "
                          : "  Not quite: it is " + std::to_string(question.answer + 1) + ". ")
              << question.why << "\n\n";
    return true;
  }
}

void show(const sim::QuizQuestion& question) {
  std::cout << "  Q: " << question.question << "\n";
  for (std::size_t i = 0; i < question.choices.size(); ++i) {
    std::cout << "     " << i + 1 << ". " << question.choices[i] << "\n";
  }
  std::cout << "  (answer: " << question.answer + 1 << ". " << question.why << ")\n\n";
}

int run_lesson(const LessonOptions& options) {
  const std::filesystem::path file = apps::find_data_file(options.file);
  const sim::Lesson lesson = sim::load_lesson_file(file);
  const auto scenarios = sim::step_scenarios(lesson, file);
  std::cout << underlined(lesson.title, '=') << "\n";
  if (!lesson.introduction.empty()) std::cout << lesson.introduction << "\n";
  std::size_t asked = 0;
  std::size_t right = 0;
  for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
    const sim::LessonStep& step = lesson.steps[i];
    std::cout << underlined("Step " + std::to_string(i + 1) + " of " +
                                std::to_string(lesson.steps.size()) + ": " + step.title,
                            '-')
              << "\n";
    if (!step.text.empty()) std::cout << step.text << "\n";
    if (step.directives && scenarios[i]) {
      print_frames(*scenarios[i], &*step.directives, options.frames);
    }
    for (const sim::QuizQuestion& question : step.quiz) {
      if (!options.quiz) {
        show(question);
        continue;
      }
      if (!ask(question, right)) {
        std::cout << "\n(no more answers: stopping)\n";
        return kExitOk;
      }
      ++asked;
    }
  }
  if (options.quiz && asked > 0) {
    std::cout << "You answered " << right << " of " << asked << " right.\n";
  }
  return kExitOk;
}

}  // namespace

Command add_lesson_command(CLI::App& parent) {
  auto options = std::make_shared<LessonOptions>();
  CLI::App* app = parent.add_subcommand(
      "lesson", "Read a lesson in the terminal, each step's frames drawn as text");
  app->add_option("FILE", options->file, "A lesson (lessons/*.md)")->required();
  app->add_flag("--quiz", options->quiz,
                "Ask the lesson's questions one by one, and score the answers");
  app->add_option("--frames", options->frames, "Frames drawn per lane and step")
      ->capture_default_str()
      ->check(CLI::Range(1, 200));
  app->footer(
      "Examples:\n"
      "  pushlab-cli lesson lessons/02-long-polling.md\n"
      "  pushlab-cli lesson lessons/02-long-polling.md --quiz");
  return {app, [options] {
            try {
              return run_lesson(*options);
            } catch (const sim::json::InputError& error) {
              throw InputError(error.what());
            }
          }};
}

}  // namespace pushlab::cli
