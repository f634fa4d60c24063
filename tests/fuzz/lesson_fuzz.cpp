// Feeds arbitrary bytes to the lesson reader (md4c, then the JSON of its blocks). It must return
// a lesson or throw json::InputError naming a line of the text, nothing else; and what it
// returns must hold together: steps in order below the title, every answer one of its choices.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/json/input_error.hpp"
#include "sim/lesson/load.hpp"

using namespace pushlab::sim;

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Lines as Markdown ends them: at LF, CR or CRLF.
  std::size_t lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
  }
  try {
    const Lesson lesson = parse_lesson(text, "fuzz.md");
    check(!lesson.title.empty() && !lesson.steps.empty());
    std::size_t previous = 0;
    for (const LessonStep& step : lesson.steps) {
      check(step.line > previous && step.line <= lines);
      previous = step.line;
      for (const QuizQuestion& question : step.quiz) {
        check(question.choices.size() >= 2 && question.answer < question.choices.size());
        check(question.line > step.line && question.line <= lines);
      }
      if (step.directives) check(step.directives->line > step.line);
    }
  } catch (const json::InputError& error) {
    if (error.position()) check(error.position()->line >= 1 && error.position()->line <= lines + 1);
  }
  return 0;
}
