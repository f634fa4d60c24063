#include "viz/model/lesson_session.hpp"

#include <doctest/doctest.h>

#include "sim/json/input_error.hpp"
#include "tests/viz/lesson_project.hpp"

namespace pushlab::viz {

namespace {

constexpr const char* kLesson =
    "# Title\n\nThe *introduction*.\n\n## The `101` response\n\n```pushlab\n"
    "{\"scenario\": \"scenarios/chat.json\", \"at\": 0.2, \"lanes\": [\"websocket\"], "
    "\"select\": \"101\"}\n```\n\nText **one**.\n\n```quiz\n"
    "{\"question\": \"q1\", \"choices\": [\"a\", \"b\"], \"answer\": 1, \"why\": \"w\"}\n```\n\n"
    "## Check\n\n```quiz\n{\"question\": \"q2\", \"choices\": [\"a\", \"b\"], \"answer\": 0, "
    "\"why\": \"w\"}\n```\n\n```quiz\n{\"question\": \"q3\", \"choices\": [\"a\", \"b\"], "
    "\"answer\": 0, \"why\": \"w\"}\n```\n";

}  // namespace

TEST_CASE("a lesson session: steps, their text ready to draw, and quiz numbering") {
  const testing::LessonProject project;
  LessonSession session = LessonSession::open(project.write(kLesson));
  CHECK(session.lesson().title == "Title");
  CHECK(plain_text(session.introduction()) == "The introduction.\n");
  REQUIRE(session.step_count() == 2);
  CHECK(session.at_first());
  CHECK_FALSE(session.at_last());
  // A heading's code span is kept, and drawn as code.
  CHECK(session.current().title == "The `101` response");
  CHECK(session.current_title() ==
        StyledText{{"The ", text_plain}, {"101", text_code}, {" response", text_plain}});
  CHECK(plain_text(session.current_text()) == "Text one.\n");
  CHECK(session.current_view().select == "101");
  CHECK(session.first_question() == 0);

  session.go_to(1);
  CHECK(session.at_last());
  CHECK(session.first_question() == 1);  // the first step asked one
  CHECK(session.answers().questions() == 3);
  session.go_to(7);  // past the end: the last step
  CHECK(session.step() == 1);

  session.answers().answer(1, 0);
  session.answers().answer(2, 1);
  CHECK(session.answers().right_count() == 1);
  session.answers().clear();
  CHECK(session.answers().answered() == 0);
}

TEST_CASE("a lesson session does not open a lesson that points at nothing") {
  const testing::LessonProject project;
  const auto file =
      project.write("# T\n\n## S\n\n```pushlab\n{\"scenario\": \"scenarios/missing.json\"}\n```\n");
  CHECK_THROWS_AS(LessonSession::open(file), sim::json::InputError);
}

}  // namespace pushlab::viz
