#pragma once
// Reading a lesson's Markdown (parsed with md4c, so a heading or a fence inside a code block is
// not taken for one) and its JSON blocks. Every input is untrusted: each function returns a
// Lesson or throws json::InputError naming the file, the line and what is wrong
// ("lessons/03-handshake.md: line 41, column 1: /at: -1 is not a time (expected seconds >= 0)").

#include <filesystem>
#include <string_view>

#include "sim/lesson/lesson.hpp"

namespace pushlab::sim {

// A lesson is prose: a megabyte is far more than one needs.
inline constexpr std::size_t kMaxLessonBytes = 1 << 20;

Lesson parse_lesson(std::string_view markdown, std::string_view source_name);

// Errors name the file as `path` was written.
Lesson load_lesson_file(const std::filesystem::path& path);

}  // namespace pushlab::sim
