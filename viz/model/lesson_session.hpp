#pragma once
// A lesson open in the window: which step the learner is on, each step's text ready to draw,
// where each step puts the diagram, and the answers given to its quiz so far.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/lesson/lesson.hpp"
#include "viz/model/lesson_steps.hpp"
#include "viz/model/markdown_blocks.hpp"

namespace pushlab::viz {

class LessonSession {
 public:
  // Loads the lesson and works out every step's scenario. Throws sim::json::InputError naming
  // the file and line of what is wrong.
  static LessonSession open(const std::filesystem::path& file);

  const std::filesystem::path& file() const { return file_; }
  const sim::Lesson& lesson() const { return lesson_; }
  std::size_t step_count() const { return lesson_.steps.size(); }

  // The step on screen, from 0; moving clamps to the lesson's steps.
  std::size_t step() const { return step_; }
  void go_to(std::size_t step);
  bool at_first() const { return step_ == 0; }
  bool at_last() const { return step_ + 1 >= step_count(); }

  const sim::LessonStep& current() const { return lesson_.steps.at(step_); }
  const StepView& current_view() const { return views_.at(step_); }
  const std::vector<MarkdownBlock>& introduction() const { return introduction_; }
  const std::vector<MarkdownBlock>& current_text() const { return texts_.at(step_); }
  const StyledText& current_title() const { return titles_.at(step_); }

  // The current step's questions are numbered through the lesson from this one.
  std::size_t first_question() const { return first_questions_.at(step_); }
  QuizAnswers& answers() { return answers_; }
  const QuizAnswers& answers() const { return answers_; }

 private:
  LessonSession(std::filesystem::path file, sim::Lesson lesson, std::vector<StepView> views);

  std::filesystem::path file_;
  sim::Lesson lesson_;
  std::vector<StepView> views_;
  std::vector<MarkdownBlock> introduction_;
  std::vector<std::vector<MarkdownBlock>> texts_;
  std::vector<StyledText> titles_;
  std::vector<std::size_t> first_questions_;
  QuizAnswers answers_;
  std::size_t step_ = 0;
};

}  // namespace pushlab::viz
