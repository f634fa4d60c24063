#include "viz/model/lesson_steps.hpp"

#include <algorithm>

#include "sim/lesson/step_scenarios.hpp"
#include "viz/model/frame_ref.hpp"

namespace pushlab::viz {

std::vector<StepView> step_views(const sim::Lesson& lesson,
                                 const std::filesystem::path& lesson_file) {
  const std::vector<std::optional<sim::Scenario>> scenarios =
      sim::step_scenarios(lesson, lesson_file);
  std::vector<StepView> views;
  for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
    StepView view{.scenario = scenarios[i], .at = std::nullopt, .select = std::nullopt};
    if (const auto& directives = lesson.steps[i].directives) {
      view.at = directives->at;
      view.select = directives->select;
      // The lanes the step names, and only those, so the diagram shows what the text is about.
      if (view.scenario && !directives->lanes.empty())
        view.scenario->lanes = sim::lanes_running(view.scenario->lanes, directives->lanes);
    }
    views.push_back(std::move(view));
  }
  return views;
}

std::optional<std::string> apply_step_view(const StepView& step, const Document& document,
                                           ViewState& view) {
  view.selected.reset();
  if (step.at) {
    view.playback.seek(*step.at);
    view.scroll_to_playhead = true;
  }
  if (!step.select) return std::nullopt;
  const FrameLookup found = find_frame(document.trace, document.diagram, *step.select);
  if (!found.ref) return found.error;
  view.selected = found.ref;
  return std::nullopt;
}

QuizAnswers::QuizAnswers(const sim::Lesson& lesson) {
  for (const sim::LessonStep& step : lesson.steps) {
    for (const sim::QuizQuestion& question : step.quiz) correct_.push_back(question.answer);
  }
  answers_.resize(correct_.size());
}

std::size_t QuizAnswers::answered() const {
  return static_cast<std::size_t>(
      std::count_if(answers_.begin(), answers_.end(), [](const auto& a) { return a.has_value(); }));
}

std::size_t QuizAnswers::right_count() const {
  std::size_t count = 0;
  for (std::size_t i = 0; i < answers_.size(); ++i) count += right(i) ? 1 : 0;
  return count;
}

}  // namespace pushlab::viz
