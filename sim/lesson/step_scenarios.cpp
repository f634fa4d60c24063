#include "sim/lesson/step_scenarios.hpp"

#include "sim/json/input_error.hpp"
#include "sim/lesson/settings.hpp"
#include "sim/scenario/load.hpp"

namespace pushlab::sim {

namespace {

std::filesystem::path project_root(const std::filesystem::path& lesson_file) {
  const std::filesystem::path folder = lesson_file.parent_path();
  return folder.has_parent_path() ? folder.parent_path() : std::filesystem::path(".");
}

bool needs_scenario(const StepDirectives& directives) {
  return directives.at || directives.select || !directives.lanes.empty() || !directives.set.empty();
}

}  // namespace

std::string block_source(const std::filesystem::path& lesson_file, const StepDirectives& block) {
  return lesson_file.string() + ": line " + std::to_string(block.line);
}

std::vector<std::optional<Scenario>> step_scenarios(const Lesson& lesson,
                                                    const std::filesystem::path& lesson_file) {
  const std::filesystem::path root = project_root(lesson_file);
  std::vector<std::optional<Scenario>> scenarios;
  std::optional<Scenario> named;  // the last one a step named, as its file has it
  for (const LessonStep& step : lesson.steps) {
    if (!step.directives) {
      scenarios.push_back(named);
      continue;
    }
    const StepDirectives& directives = *step.directives;
    const std::string source = block_source(lesson_file, directives);
    if (directives.scenario) {
      try {
        named = load_scenario_file(root / *directives.scenario);
      } catch (const json::InputError& error) {
        throw json::InputError(source, "/scenario", error.what());
      }
    }
    if (!named && needs_scenario(directives)) {
      throw json::InputError(source, "",
                             "no scenario yet: name one (\"scenario\": \"scenarios/chat.json\") "
                             "in this block or an earlier one");
    }
    scenarios.push_back(named ? std::optional(apply_settings(*named, directives.set, source))
                              : std::nullopt);
  }
  return scenarios;
}

}  // namespace pushlab::sim
