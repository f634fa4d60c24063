#pragma once
// The scenario each step of a lesson shows: the last one a step named (as its file has it),
// with the step's own `set` applied. Scenario paths are relative to the lessons folder's parent
// (the project's root).

#include <filesystem>
#include <optional>
#include <vector>

#include "sim/lesson/lesson.hpp"
#include "sim/scenario/scenario.hpp"

namespace pushlab::sim {

// One per step; nullopt before any step has named one. Throws json::InputError naming the file,
// the line of the block and what is wrong: a scenario that does not load, a `set` the loader
// refuses, or a directive that needs a scenario before any was named.
std::vector<std::optional<Scenario>> step_scenarios(const Lesson& lesson,
                                                    const std::filesystem::path& lesson_file);

// "lessons/02-long-polling.md: line 41": how errors about a step's block name it.
std::string block_source(const std::filesystem::path& lesson_file, const StepDirectives& block);

}  // namespace pushlab::sim
