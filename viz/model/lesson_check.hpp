#pragma once
// Walks a lesson as the window will, step by step, and checks that everything it points at is
// there: each scenario file loads, each `set` is a scenario field the loader accepts, each time
// lies within the run, each lane is one the scenario runs, each frame to select exists in the
// simulated run. For `pushlab-cli validate` and the lessons' tests.

#include <filesystem>

#include "sim/lesson/lesson.hpp"

namespace pushlab::viz {

// Scenario paths are relative to the lessons folder's parent (the project's root). Throws
// sim::json::InputError naming the file, the line of the step's block and what is missing.
void check_lesson(const sim::Lesson& lesson, const std::filesystem::path& lesson_file);

}  // namespace pushlab::viz
