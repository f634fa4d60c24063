#include "viz/model/lesson_steps.hpp"

#include <doctest/doctest.h>

#include "sim/lesson/load.hpp"
#include "tests/viz/lesson_project.hpp"
#include "viz/model/frame_ref.hpp"

namespace pushlab::viz {

namespace {

using namespace std::chrono_literals;

constexpr const char* kLesson =
    "# T\n\n## Text only\n\nNo scenario yet.\n\n## The hold\n\n```pushlab\n"
    "{\"scenario\": \"scenarios/chat.json\", \"at\": 1.1, \"lanes\": [\"long-poll\"], "
    "\"select\": \"GET /lp\", \"set\": {\"network.latency_ms\": 20}}\n```\n\n"
    "## Same scenario, all lanes\n\n```pushlab\n{\"at\": 2}\n```\n\n```quiz\n"
    "{\"question\": \"q\", \"choices\": [\"a\", \"b\", \"c\"], \"answer\": 2, \"why\": \"w\"}\n"
    "```\n\n```quiz\n{\"question\": \"r\", \"choices\": [\"a\", \"b\"], \"answer\": 0, "
    "\"why\": \"w\"}\n```\n";

}  // namespace

TEST_CASE("lesson steps: the scenario each shows, its lanes, its moment and its frame") {
  const testing::LessonProject project;
  const auto file = project.write(kLesson);
  const sim::Lesson lesson = sim::load_lesson_file(file);
  const std::vector<StepView> views = step_views(lesson, file);
  REQUIRE(views.size() == 3);
  CHECK_FALSE(views[0].scenario);  // before any scenario: the window stays as it is

  REQUIRE(views[1].scenario);
  CHECK(sim::transports_of(views[1].scenario->lanes) == std::vector{sim::Transport::long_poll});
  CHECK(views[1].scenario->network.latency == 20ms);  // its set
  const Document document = make_document(*views[1].scenario);
  ViewState view;
  view.playback.set_end(document.trace.duration);
  CHECK_FALSE(apply_step_view(views[1], document, view));
  CHECK(view.playback.time() == 1100ms);
  REQUIRE(view.selected);
  CHECK(document.diagram.lanes[view.selected->lane].labels[view.selected->frame] == "GET /lp");

  // The next step names no scenario: the same file, all its lanes, its set gone.
  REQUIRE(views[2].scenario);
  CHECK(views[2].scenario->lanes.size() == 4);
  CHECK(views[2].scenario->network.latency == 50ms);
  CHECK(views[2].at == 2s);
}

TEST_CASE("quiz answers: kept question by question, counted right") {
  const testing::LessonProject project;
  const sim::Lesson lesson = sim::load_lesson_file(project.write(kLesson));
  QuizAnswers answers(lesson);
  CHECK(answers.questions() == 2);
  CHECK(answers.answered() == 0);
  answers.answer(0, 1);
  CHECK_FALSE(answers.right(0));
  answers.answer(0, 2);  // a second thought
  answers.answer(1, 0);
  CHECK(answers.answered() == 2);
  CHECK(answers.right_count() == 2);
  CHECK(answers.answer_of(0) == 2u);
}

}  // namespace pushlab::viz
