#pragma once
// A project of its own for lesson tests: lessons/ beside scenarios/, with the shipped chat
// scenario, in a folder of this process's own (ctest runs test cases at once).

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/json/input_error.hpp"
#include "sim/lesson/load.hpp"
#include "viz/model/lesson_check.hpp"

namespace pushlab::viz::testing {

class LessonProject {
 public:
  LessonProject() {
    std::filesystem::create_directories(root_ / "lessons");
    std::filesystem::create_directories(root_ / "scenarios");
    std::filesystem::copy_file(PUSHLAB_SOURCE_DIR "/scenarios/chat.json",
                               root_ / "scenarios" / "chat.json",
                               std::filesystem::copy_options::overwrite_existing);
  }
  ~LessonProject() { std::filesystem::remove_all(root_); }
  LessonProject(const LessonProject&) = delete;
  LessonProject& operator=(const LessonProject&) = delete;

  // Writes lessons/01-test.md and returns its path.
  std::filesystem::path write(const std::string& markdown) const {
    const auto file = root_ / "lessons" / "01-test.md";
    std::ofstream(file) << markdown;
    return file;
  }

  // Checks a lesson whose one step has this pushlab block; "" if it passes, else the error.
  std::string check(const std::string& block) const {
    const auto file = write("# Test\n\n## A step\n\n```pushlab\n" + block + "\n```\n");
    try {
      check_lesson(sim::load_lesson_file(file), file);
    } catch (const sim::json::InputError& error) {
      return error.what();
    }
    return "";
  }

 private:
  std::filesystem::path root_ = std::filesystem::temp_directory_path() /
                                ("pushlab_lesson_project_" + std::to_string(::getpid()));
};

}  // namespace pushlab::viz::testing
