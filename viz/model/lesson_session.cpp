#include "viz/model/lesson_session.hpp"

#include <algorithm>
#include <utility>

#include "sim/lesson/load.hpp"

namespace pushlab::viz {

LessonSession LessonSession::open(const std::filesystem::path& file) {
  sim::Lesson lesson = sim::load_lesson_file(file);
  std::vector<StepView> views = step_views(lesson, file);
  return LessonSession(file, std::move(lesson), std::move(views));
}

LessonSession::LessonSession(std::filesystem::path file, sim::Lesson lesson,
                             std::vector<StepView> views)
    : file_(std::move(file)),
      lesson_(std::move(lesson)),
      views_(std::move(views)),
      introduction_(parse_markdown(lesson_.introduction)),
      answers_(lesson_) {
  std::size_t question = 0;
  for (const sim::LessonStep& step : lesson_.steps) {
    texts_.push_back(parse_markdown(step.text));
    titles_.push_back(parse_inline(step.title));
    first_questions_.push_back(question);
    question += step.quiz.size();
  }
}

void LessonSession::go_to(std::size_t step) {
  if (step_count() > 0) step_ = std::min(step, step_count() - 1);
}

}  // namespace pushlab::viz
