#pragma once
// The window: GLFW, OpenGL 3 and Dear ImGui set up, the main loop, and the headless path that
// renders one state into a PNG and returns (for handouts, the README and tests under Xvfb).

#include <chrono>
#include <filesystem>
#include <optional>

#include "viz/model/document.hpp"
#include "viz/model/lesson_session.hpp"
#include "viz/model/view_state.hpp"

namespace pushlab::viz {

struct AppOptions {
  int width = 1600;
  int height = 1000;
  std::optional<std::filesystem::path> screenshot;  // render, save this PNG, and return
  std::filesystem::path fonts_dir;                  // holds DejaVuSans.ttf
  std::filesystem::path scenarios_dir;              // the scenario picker lists it
  std::optional<float> scale;           // of the interface; by default the screen's content scale
  bool start_live = false;              // run the scenario live at once; a screenshot waits for it
  std::optional<LessonSession> lesson;  // opened beside the diagrams, at this step (from 0)
  std::size_t lesson_step = 0;
  // When set, the time from this moment to the first frame on screen is printed on stderr.
  std::optional<std::chrono::steady_clock::time_point> report_first_frame_since;
};

// Runs until the window is closed (or the screenshot is written). Returns a process exit code;
// on failure it has said why on stderr.
int run_app(Document document, ViewState view, const AppOptions& options);

}  // namespace pushlab::viz
