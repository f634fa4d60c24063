// pushlab-cli validate: check scenario and lesson files before anything runs them.

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "sim/lesson/load.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "viz/model/lesson_check.hpp"

namespace pushlab::cli {

namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  bool json = false;
};

std::string plural(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

std::string summary(const sim::Scenario& scenario) {
  std::string transports;
  for (const sim::LaneSpec& lane : scenario.lanes) {
    transports += (transports.empty() ? "" : ", ") + lane.id;
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%g s",
                std::chrono::duration<double>(scenario.duration).count());
  return scenario.name + ": " + transports + "; " +
         plural(static_cast<std::size_t>(scenario.clients), "client") + ", " +
         plural(scenario.traffic.size(), "traffic source") + ", " + seconds;
}

std::string summary(const sim::Lesson& lesson) {
  std::size_t questions = 0;
  for (const sim::LessonStep& step : lesson.steps) questions += step.quiz.size();
  return "lesson \"" + lesson.title + "\": " + plural(lesson.steps.size(), "step") + ", " +
         plural(questions, "quiz question");
}

// A lesson (.md) is read and walked step by step; anything else is read as a scenario.
std::pair<std::string, std::string> check_file(const std::string& file) {
  if (std::filesystem::path(file).extension() == ".md") {
    const sim::Lesson lesson = sim::load_lesson_file(file);
    viz::check_lesson(lesson, file);
    return {lesson.title, summary(lesson)};
  }
  const sim::Scenario scenario = sim::load_scenario_file(file);
  return {scenario.name, summary(scenario)};
}

int run_validate(const ValidateOptions& options) {
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  int bad = 0;
  for (const std::string& file : options.files) {
    try {
      const auto [name, said] = check_file(file);
      if (!options.json) std::cout << file << ": ok (" << said << ")\n";
      results.push_back({{"file", file}, {"ok", true}, {"name", name}});
    } catch (const sim::ScenarioError& error) {
      ++bad;
      if (!options.json) std::cerr << error.what() << "\n";
      results.push_back({{"file", file},
                         {"ok", false},
                         {"error", error.what()},
                         {"pointer", error.pointer()},
                         {"reason", error.reason()}});
    }
  }
  if (options.json) std::cout << results.dump(2) << "\n";
  return bad == 0 ? kExitOk : kExitBadInput;
}

}  // namespace

Command add_validate_command(CLI::App& parent) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* app = parent.add_subcommand(
      "validate",
      "Check scenario and lesson files; each error names the file, the line or JSON pointer, and "
      "the fix; a lesson's scenarios, times and frames must exist");
  app->add_option("FILE", options->files,
                  "Scenario files (scenarios/*.json) and lessons (lessons/*.md)")
      ->required();
  app->add_flag("--json", options->json,
                "Print JSON: [{\"file\", \"ok\", \"error\", \"pointer\", \"reason\"}]");
  app->footer(
      "Examples:\n  pushlab-cli validate scenarios/*.json\n  pushlab-cli validate lessons/*.md");
  return {app, [options] { return run_validate(*options); }};
}

}  // namespace pushlab::cli
