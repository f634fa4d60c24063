#include "viz/model/lesson_check.hpp"

#include <algorithm>
#include <optional>

#include "sim/json/input_error.hpp"
#include "sim/lesson/settings.hpp"
#include "sim/scenario/load.hpp"
#include "sim/transports/simulate.hpp"
#include "viz/model/diagram.hpp"
#include "viz/model/frame_ref.hpp"
#include "viz/model/time_format.hpp"

namespace pushlab::viz {

namespace {

std::filesystem::path project_root(const std::filesystem::path& lesson_file) {
  const std::filesystem::path folder = lesson_file.parent_path();
  return folder.has_parent_path() ? folder.parent_path() : std::filesystem::path(".");
}

void check_step(const sim::StepDirectives& directives, const sim::Scenario& scenario,
                const std::string& source) {
  const auto fail = [&](const char* pointer, const std::string& reason) {
    throw sim::json::InputError(source, pointer, reason);
  };
  for (const sim::Transport lane : directives.lanes) {
    if (std::find(scenario.transports.begin(), scenario.transports.end(), lane) ==
        scenario.transports.end()) {
      fail("/lanes", "the scenario " + scenario.name + " runs no " +
                         std::string(sim::to_string(lane)) + " lane");
    }
  }
  if (!directives.at && !directives.select) return;
  const sim::Trace trace = sim::simulate(scenario);
  if (directives.at && *directives.at > trace.duration) {
    fail("/at", format_time(*directives.at) + " is past the end of the run (" +
                    format_time(trace.duration) + ")");
  }
  if (directives.select) {
    const FrameLookup found = find_frame(trace, build_diagram(trace), *directives.select);
    if (!found.ref) fail("/select", found.error);
  }
}

}  // namespace

void check_lesson(const sim::Lesson& lesson, const std::filesystem::path& lesson_file) {
  const std::filesystem::path root = project_root(lesson_file);
  std::optional<sim::Scenario> scenario;  // the last one a step named, as its file has it
  for (const sim::LessonStep& step : lesson.steps) {
    if (!step.directives) continue;
    const sim::StepDirectives& directives = *step.directives;
    const std::string source = lesson_file.string() + ": line " + std::to_string(directives.line);
    if (directives.scenario) {
      try {
        scenario = sim::load_scenario_file(root / *directives.scenario);
      } catch (const sim::json::InputError& error) {
        throw sim::json::InputError(source, "/scenario", error.what());
      }
    }
    const bool needs_scenario =
        directives.at || directives.select || !directives.lanes.empty() || !directives.set.empty();
    if (!scenario) {
      if (!needs_scenario) continue;
      throw sim::json::InputError(source, "",
                                  "no scenario yet: name one (\"scenario\": "
                                  "\"scenarios/chat.json\") in this block or an earlier one");
    }
    check_step(directives, sim::apply_settings(*scenario, directives.set, source), source);
  }
}

}  // namespace pushlab::viz
