// The lesson panel in the window, headless: every shipped lesson walked step by step, the diagram
// following each step's directives, and the presenter's PageDown and PageUp.

#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "viz/draw/headless_imgui.hpp"
#include "viz/draw/main_window.hpp"
#include "viz/model/frame_label.hpp"

namespace pushlab::viz {

namespace {

constexpr int kPageUp = 10;  // any indices: the test maps the keys to them
constexpr int kPageDown = 11;

struct Headless : HeadlessImGui {
  Headless() : HeadlessImGui({1600, 1000}) {
    ImGui::GetIO().KeyMap[ImGuiKey_PageUp] = kPageUp;
    ImGui::GetIO().KeyMap[ImGuiKey_PageDown] = kPageDown;
    build_fonts();
  }
};

MainWindow chat_window() {
  return MainWindow(open_document(PUSHLAB_SOURCE_DIR "/scenarios/chat.json"), {},
                    PUSHLAB_SOURCE_DIR "/scenarios", {});
}

std::vector<std::filesystem::path> shipped_lessons() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(PUSHLAB_SOURCE_DIR "/lessons")) {
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void press(int key, MainWindow& window) {
  ImGui::GetIO().KeysDown[key] = true;
  draw_one_frame(window);
  ImGui::GetIO().KeysDown[key] = false;
  draw_one_frame(window);
}

}  // namespace

TEST_CASE("every shipped lesson's every step puts the window where it says, and draws") {
  const std::vector<std::filesystem::path> lessons = shipped_lessons();
  REQUIRE(lessons.size() >= 5);
  for (const std::filesystem::path& file : lessons) {
    CAPTURE(file.filename().string());
    Headless imgui;
    MainWindow window = chat_window();
    window.open_lesson(LessonSession::open(file));
    const LessonSession& lesson = *window.lesson();
    for (std::size_t step = 0; step < lesson.step_count(); ++step) {
      CAPTURE(step);
      window.show_step(step);
      CHECK(window.lesson_problem().empty());
      const auto& directives = lesson.current().directives;
      if (directives && !directives->lanes.empty()) {
        CHECK(sim::transports_of(window.document().scenario.lanes) == directives->lanes);
      }
      if (directives && directives->select) CHECK(window.view().selected.has_value());
      if (directives && directives->at) {
        CHECK(window.view().playback.time() == *directives->at);
      }
      window.view().presentation = step % 2 == 1;  // both themes and both sizes of type
      CHECK(draw_one_frame(window) > 0);
    }
  }
}

TEST_CASE("PageDown and PageUp move through the lesson; a step without directives keeps the view") {
  Headless imgui;
  MainWindow window = chat_window();
  window.open_lesson(LessonSession::open(PUSHLAB_SOURCE_DIR "/lessons/03-websocket-handshake.md"));
  draw_one_frame(window);
  const std::size_t last = window.lesson()->step_count() - 1;
  press(kPageDown, window);
  CHECK(window.lesson()->step() == 1);
  REQUIRE(window.view().selected);
  const FrameRef selected = *window.view().selected;
  CHECK(frame_label(window.shown().trace.lanes[selected.lane].frames[selected.frame]) ==
        "101 Switching Protocols");
  press(kPageUp, window);
  CHECK(window.lesson()->step() == 0);
  press(kPageUp, window);  // at the first step already
  CHECK(window.lesson()->step() == 0);

  // Steps on the same scenario keep its run: the document is not simulated again.
  // (Steps 2 and 3 of lesson 3 both show chat's WebSocket lane; a new run has new lanes.)
  window.show_step(1);
  const sim::Lane* run = window.document().trace.lanes.data();
  window.show_step(2);
  CHECK(window.document().trace.lanes.data() == run);
  window.show_step(3);  // the proxy that strips Upgrade: another scenario, another run
  CHECK(window.document().trace.lanes.data() != run);

  // The quiz at the end has no directives: the diagram stays on the step before.
  window.show_step(last - 1);
  const sim::Scenario before = window.document().scenario;
  const auto before_selected = window.view().selected;
  REQUIRE_FALSE(window.lesson()->lesson().steps[last].directives);
  press(kPageDown, window);
  CHECK(window.lesson()->step() == last);
  CHECK(window.document().scenario == before);
  CHECK(window.view().selected == before_selected);
  press(kPageDown, window);  // at the last step already
  CHECK(window.lesson()->step() == last);
}

}  // namespace pushlab::viz

namespace pushlab::viz {

TEST_CASE("a lesson opened at its quiz shows the diagram of the step before") {
  Headless imgui;
  MainWindow window = chat_window();
  LessonSession lesson =
      LessonSession::open(PUSHLAB_SOURCE_DIR "/lessons/03-websocket-handshake.md");
  const std::size_t last = lesson.step_count() - 1;
  REQUIRE_FALSE(lesson.lesson().steps[last].directives);
  const auto& before = lesson.lesson().steps[last - 1].directives;
  REQUIRE(before);
  window.open_lesson(std::move(lesson), last);
  CHECK(window.lesson()->step() == last);
  CHECK(sim::transports_of(window.document().scenario.lanes) == before->lanes);
  CHECK(window.view().selected.has_value());
  CHECK(draw_one_frame(window) > 0);
}

}  // namespace pushlab::viz
