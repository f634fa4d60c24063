#include "viz/model/lesson_check.hpp"

#include <algorithm>

#include "sim/json/input_error.hpp"
#include "sim/lesson/step_scenarios.hpp"
#include "sim/transports/simulate.hpp"
#include "viz/model/diagram.hpp"
#include "viz/model/frame_ref.hpp"
#include "viz/model/time_format.hpp"

namespace pushlab::viz {

namespace {

void check_step(const sim::StepDirectives& directives, const sim::Scenario& scenario,
                const std::string& source) {
  const auto fail = [&](const char* pointer, const std::string& reason) {
    throw sim::json::InputError(source, pointer, reason);
  };
  for (const sim::Transport lane : directives.lanes) {
    if (!sim::runs(scenario.lanes, lane)) {
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
  const std::vector<std::optional<sim::Scenario>> scenarios =
      sim::step_scenarios(lesson, lesson_file);
  for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
    const auto& directives = lesson.steps[i].directives;
    if (!directives || !scenarios[i]) continue;
    check_step(*directives, *scenarios[i], sim::block_source(lesson_file, *directives));
  }
}

}  // namespace pushlab::viz
