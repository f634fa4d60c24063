#include "sim/lesson/load.hpp"

#include <doctest/doctest.h>

#include <string>

#include "sim/json/input_error.hpp"

namespace pushlab::sim {

namespace {

using namespace std::chrono_literals;

constexpr std::string_view kLesson = R"(# Long polling

Why a held request is not a push.

## The hold

The server holds the request until a message comes.

```pushlab
{"scenario": "scenarios/chat.json", "at": 0.35, "lanes": ["long-poll"], "select": "GET /lp",
 "set": {"proxy.strip_upgrade": true, "long_poll.timeout_s": 5}}
```

A code block is not a step:

```cpp
## not a heading
```

## Check yourself

```quiz
{"question": "How many transits at worst?", "choices": ["1", "3"], "answer": 1,
 "why": "The response, the new request, then the next response."}
```

```quiz
{"question": "Who holds?", "choices": ["client", "server"], "answer": 1, "why": "The server."}
```
)";

std::string error_of(std::string_view markdown) {
  try {
    parse_lesson(markdown, "lessons/x.md");
  } catch (const json::InputError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a lesson: title, introduction, steps by ## heading, their directives and quiz") {
  const Lesson lesson = parse_lesson(kLesson, "lessons/02-long-polling.md");
  CHECK(lesson.title == "Long polling");
  CHECK(lesson.introduction == "Why a held request is not a push.\n");
  REQUIRE(lesson.steps.size() == 2);

  const LessonStep& hold = lesson.steps[0];
  CHECK(hold.title == "The hold");
  CHECK(hold.line == 5);
  REQUIRE(hold.directives);
  CHECK(hold.directives->line == 9);
  CHECK(hold.directives->scenario == "scenarios/chat.json");
  CHECK(hold.directives->at == 350ms);
  CHECK(hold.directives->lanes == std::vector<Transport>{Transport::long_poll});
  CHECK(hold.directives->select == "GET /lp");
  REQUIRE(hold.directives->set.size() == 2);
  CHECK(hold.directives->set[0].first == "proxy.strip_upgrade");
  CHECK(hold.directives->set[1].second == 5);
  // The step's text without its pushlab block; other code blocks stay.
  CHECK(hold.text ==
        "The server holds the request until a message comes.\n\nA code block is not a step:\n\n"
        "```cpp\n## not a heading\n```\n");

  const LessonStep& check = lesson.steps[1];
  CHECK(check.title == "Check yourself");
  CHECK_FALSE(check.directives);
  REQUIRE(check.quiz.size() == 2);
  CHECK(check.quiz[0].question == "How many transits at worst?");
  CHECK(check.quiz[0].choices == std::vector<std::string>{"1", "3"});
  CHECK(check.quiz[0].answer == 1);
  CHECK(check.quiz[0].line == 22);
  CHECK(check.text.empty());
}

TEST_CASE("lesson errors name the file, the line and what is wrong") {
  CHECK(error_of("Some text\n\n## A step\n") ==
        "lessons/x.md: line 1, column 1: a lesson begins with its title, a `#` heading");
  CHECK(error_of("# Title\n\ntext\n") ==
        "lessons/x.md: line 1, column 1: a lesson has steps: `##` headings, none found");
  CHECK(error_of("# T\n\n```pushlab\n{}\n```\n\n## S\n") ==
        "lessons/x.md: line 3, column 1: a `pushlab` block belongs to a step: put it under a "
        "`##` heading");
  // A JSON syntax error, counted in the file, not in the block.
  CHECK(error_of("# T\n\n## S\n\n```pushlab\n{\"at\": 1,\n \"lanes\" [] }\n```\n")
            .starts_with("lessons/x.md: line 7, column 10: "));
  // A field it does not know, a value out of range: the block's line and the JSON pointer.
  CHECK(error_of("# T\n\n## S\n\n```pushlab\n{\"atx\": 1}\n```\n")
            .starts_with("lessons/x.md: line 5: /atx: "));
  CHECK(error_of("# T\n\n## S\n\n```quiz\n{\"question\": \"q\", \"choices\": [\"a\", \"b\"], "
                 "\"answer\": 2, \"why\": \"w\"}\n```\n")
            .starts_with("lessons/x.md: line 5: /answer: "));
  CHECK(error_of("# T\n\n## S\n\n```pushlab\n{\"lanes\": [\"carrier-pigeon\"]}\n```\n")
            .starts_with("lessons/x.md: line 5: /lanes/0: "));
  // Blank lines at the top of a block: still counted from the fence.
  CHECK(error_of("# T\n\n## S\n\n```pushlab\n\n\n{\"at\": 1,\n \"lanes\" [] }\n```\n")
            .starts_with("lessons/x.md: line 9, column 10: "));
  // Lines end at LF, CRLF or a lone CR, as Markdown and editors count them: the same line 7.
  CHECK(error_of("# T\r\n\r\n## S\r\n\r\n```pushlab\r\n{\"at\": 1,\r\n \"lanes\" [] }\r\n```\r\n")
            .starts_with("lessons/x.md: line 7, column 10: "));
  CHECK(error_of("# T\r\r## S\r\r```pushlab\r{\"at\": 1,\r \"lanes\" [] }\r```\r")
            .starts_with("lessons/x.md: line 7, column 10: "));
  CHECK(error_of("# T\n\n## S\n\n```pushlab\n{}\n```\n\n```pushlab\n{}\n```\n") ==
        "lessons/x.md: line 9, column 1: a step has one `pushlab` block; this one is its second "
        "(the first is at line 5)");
}

}  // namespace pushlab::sim
