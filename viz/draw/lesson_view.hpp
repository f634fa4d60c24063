#pragma once
// The lesson panel: the lesson's title, Back and Next with the step's place in the lesson, the
// step's text, and its quiz, answered in place with the explanation shown after. The panel
// only asks for a step; the window moves the diagram, the inspector and the parameters there.

#include <cstddef>
#include <optional>
#include <string>

#include "viz/draw/main_window.hpp"
#include "viz/model/lesson_session.hpp"

namespace pushlab::viz {

struct LessonRequest {
  std::optional<std::size_t> go_to;  // a step to show
  bool close = false;
};

// Draws in the current child window. `problem`: why the step's frame could not be shown, if so.
LessonRequest draw_lesson_panel(LessonSession& session, const TextStyles& fonts,
                                const std::string& problem);

}  // namespace pushlab::viz
