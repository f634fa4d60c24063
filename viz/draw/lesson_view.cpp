#include "viz/draw/lesson_view.hpp"

#include <imgui.h>

#include "viz/draw/markdown_view.hpp"

namespace pushlab::viz {

namespace {

const ImVec4 kRight{0.25f, 0.7f, 0.35f, 1};
const ImVec4 kWrong{0.9f, 0.4f, 0.2f, 1};

// Back, the step's place with a list to jump to any step, Next. PageUp and PageDown do the same,
// as a presenter's remote sends them.
void draw_step_bar(const LessonSession& session, LessonRequest& request) {
  const std::size_t step = session.step();
  const bool typing = ImGui::GetIO().WantTextInput;
  ImGui::BeginDisabled(session.at_first());
  if (ImGui::Button("< Back") ||
      (!typing && !session.at_first() &&
       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp), false))) {
    request.go_to = step - 1;
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  const std::string place =
      "Step " + std::to_string(step + 1) + " of " + std::to_string(session.step_count());
  ImGui::SetNextItemWidth(ImGui::CalcTextSize(place.c_str()).x + ImGui::GetFrameHeight() * 1.6f);
  if (ImGui::BeginCombo("##step", place.c_str())) {
    for (std::size_t i = 0; i < session.step_count(); ++i) {
      const std::string title =
          std::to_string(i + 1) + ". " + plain_text(parse_inline(session.lesson().steps[i].title));
      if (ImGui::Selectable(title.c_str(), i == step)) request.go_to = i;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(session.at_last());
  if (ImGui::Button("Next >") ||
      (!typing && !session.at_last() &&
       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown), false))) {
    request.go_to = step + 1;
  }
  ImGui::EndDisabled();
}

// One question: its choices until it is answered, then the verdict and why.
void draw_question(const sim::QuizQuestion& question, std::size_t number, QuizAnswers& answers,
                   const TextStyles& fonts) {
  ImGui::PushID(static_cast<int>(number));
  draw_styled_text({{"Question " + std::to_string(number + 1) + ". ", text_strong}}, fonts);
  draw_markdown(parse_markdown(question.question), fonts);
  const std::optional<std::size_t>& given = answers.answer_of(number);
  ImGui::BeginDisabled(given.has_value());
  for (std::size_t c = 0; c < question.choices.size(); ++c) {
    ImGui::PushID(static_cast<int>(c));
    if (ImGui::RadioButton("##choice", given == c)) answers.answer(number, c);
    ImGui::SameLine();
    draw_styled_text(parse_inline(question.choices[c]), fonts);
    ImGui::PopID();
  }
  ImGui::EndDisabled();
  if (given) {
    const bool right = answers.right(number);
    ImGui::PushStyleColor(ImGuiCol_Text, right ? kRight : kWrong);
    ImGui::TextWrapped(
        "%s",
        right ? "Right." : ("Not quite. The answer: " + question.choices[question.answer]).c_str());
    ImGui::PopStyleColor();
    draw_markdown(parse_markdown(question.why), fonts);
  }
  ImGui::Spacing();
  ImGui::PopID();
}

void draw_quiz(LessonSession& session, const TextStyles& fonts) {
  const sim::LessonStep& step = session.current();
  if (step.quiz.empty()) return;
  ImGui::Separator();
  for (std::size_t i = 0; i < step.quiz.size(); ++i) {
    draw_question(step.quiz[i], session.first_question() + i, session.answers(), fonts);
  }
  QuizAnswers& answers = session.answers();
  if (!session.at_last() || answers.answered() < answers.questions()) return;
  ImGui::Separator();
  draw_styled_text({{"You answered " + std::to_string(answers.right_count()) + " of " +
                         std::to_string(answers.questions()) + " right.",
                     text_strong}},
                   fonts);
  if (ImGui::Button("Answer the questions again")) answers.clear();
}

}  // namespace

LessonRequest draw_lesson_panel(LessonSession& session, const TextStyles& fonts,
                                const std::string& problem) {
  LessonRequest request;
  draw_styled_text(parse_inline(session.lesson().title), fonts, text_strong);
  draw_step_bar(session, request);
  ImGui::SameLine();
  const char* close = "Close";
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(close).x -
                       2 * ImGui::GetStyle().FramePadding.x);
  if (ImGui::Button(close)) request.close = true;
  ImGui::Separator();
  // Each step scrolls on its own: a step comes up at its top, and one returned to where it was.
  ImGui::PushID(static_cast<int>(session.step()));
  ImGui::BeginChild("step");
  if (session.at_first()) draw_markdown(session.introduction(), fonts);
  draw_styled_text(session.current_title(), fonts, text_strong);
  ImGui::Spacing();
  if (!problem.empty()) ImGui::TextColored(kWrong, "%s", problem.c_str());
  draw_markdown(session.current_text(), fonts);
  draw_quiz(session, fonts);
  ImGui::EndChild();
  ImGui::PopID();
  return request;
}

}  // namespace pushlab::viz
