#pragma once
// What the window's lesson panel does at each step, without the drawing: the scenario the step
// shows (its `set` applied, only its lanes), the moment the playhead goes to and the frame the
// inspector opens; and the learner's answers to the quiz, kept while the lesson is open.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/lesson/lesson.hpp"
#include "viz/model/document.hpp"
#include "viz/model/view_state.hpp"

namespace pushlab::viz {

struct StepView {
  std::optional<sim::Scenario> scenario;  // nullopt: the step shows what the window shows
  std::optional<Nanoseconds> at;
  std::optional<std::string> select;
};

// One per step. Throws sim::json::InputError as sim::step_scenarios does.
std::vector<StepView> step_views(const sim::Lesson& lesson,
                                 const std::filesystem::path& lesson_file);

// Puts the view where the step says, in `document` (the step's scenario, simulated): the
// playhead at its moment, its frame selected. Returns why a frame could not be found, if one
// could not (a lesson that passed `validate` always finds its frames).
std::optional<std::string> apply_step_view(const StepView& step, const Document& document,
                                           ViewState& view);

// The learner's answers, question by question, in the order of the lesson.
class QuizAnswers {
 public:
  explicit QuizAnswers(const sim::Lesson& lesson);

  // Questions are numbered through the lesson, from 0.
  void answer(std::size_t question, std::size_t choice) { answers_.at(question) = choice; }
  const std::optional<std::size_t>& answer_of(std::size_t question) const {
    return answers_.at(question);
  }
  bool right(std::size_t question) const { return answers_.at(question) == correct_.at(question); }
  void clear() { answers_.assign(answers_.size(), std::nullopt); }  // to answer them again
  std::size_t answered() const;
  std::size_t right_count() const;
  std::size_t questions() const { return answers_.size(); }

 private:
  std::vector<std::size_t> correct_;
  std::vector<std::optional<std::size_t>> answers_;
};

}  // namespace pushlab::viz
