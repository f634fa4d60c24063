// The window's drawing code without a window: Dear ImGui runs headless (a display size and a
// built font atlas, no OpenGL), so the sanitizers watch every allocation the drawing makes and
// keys can be pressed by setting them down.

#include "viz/draw/main_window.hpp"
#include "viz/draw/headless_imgui.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <chrono>
#include <filesystem>

#include "viz/model/frame_ref.hpp"

namespace pushlab::viz {

namespace {

using namespace std::chrono_literals;

constexpr int kSpaceKey = 32;  // any index: the test maps ImGuiKey_Space to it

// A headless context whose Space key is kSpaceKey.
struct Headless : HeadlessImGui {
  Headless() : HeadlessImGui({1600, 1000}) {
    ImGui::GetIO().KeyMap[ImGuiKey_Space] = kSpaceKey;
    build_fonts();
  }
};

int draw_frame(MainWindow& window, double wall_seconds = 0) {
  return draw_one_frame(window, wall_seconds);
}

Document chat() {
  return open_document(PUSHLAB_SOURCE_DIR "/scenarios/chat.json");
}

}  // namespace

TEST_CASE("every scenario draws, with a frame selected and each panel in front") {
  const Headless imgui;
  for (const auto& entry : std::filesystem::directory_iterator(PUSHLAB_SOURCE_DIR "/scenarios")) {
    CAPTURE(entry.path());
    Document document = open_document(entry.path());
    ViewState view;
    view.selected = FrameRef{0, 3};
    view.playback.set_end(document.trace.duration);
    view.playback.seek(2s);
    MainWindow window(std::move(document), std::move(view), PUSHLAB_SOURCE_DIR "/scenarios", {});
    for (const Panel panel :
         {Panel::plots, Panel::events, Panel::figures, Panel::exports, Panel::parameters}) {
      window.view().show_panel = panel;
      draw_frame(window);
      CHECK(draw_frame(window) > 2000);  // lanes, arrows, labels, a panel: thousands of vertices
    }
  }
}

TEST_CASE("after another run is shown, every panel draws from it, not from the last one") {
  const Headless imgui;
  MainWindow window(chat(), ViewState{}, PUSHLAB_SOURCE_DIR "/scenarios", {});
  window.view().playback.seek(100s);
  for (const Panel panel : {Panel::events, Panel::plots}) {
    window.view().show_panel = panel;
    draw_frame(window);
    draw_frame(window);
  }
  // A much shorter run: 700 frames fewer. Lists kept from the last run would point past the
  // end of this one's lanes (which the sanitizers catch).
  sim::Scenario shorter = window.document().scenario;
  shorter.duration = 5s;
  window.show(make_document(shorter));
  CHECK(window.view().playback.time() == window.document().trace.duration);
  for (const Panel panel : {Panel::events, Panel::plots, Panel::figures}) {
    window.view().show_panel = panel;
    draw_frame(window);
    CHECK(draw_frame(window) > 2000);
  }
}

TEST_CASE("Space plays; the playhead then moves by wall time times speed") {
  const Headless imgui;
  MainWindow window(chat(), ViewState{}, PUSHLAB_SOURCE_DIR "/scenarios", {});
  window.view().playback.set_speed(2);
  draw_frame(window);
  CHECK_FALSE(window.view().playback.playing());

  ImGui::GetIO().KeysDown[kSpaceKey] = true;
  draw_frame(window);
  ImGui::GetIO().KeysDown[kSpaceKey] = false;
  CHECK(window.view().playback.playing());

  draw_frame(window, 0.5);
  CHECK(window.view().playback.time() == 1s);
}

TEST_CASE("presentation mode stretches the time axis with its larger type, and back") {
  Headless imgui;
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig small;
  small.SizePixels = 13;
  ImFontConfig large;
  large.SizePixels = 26;
  const Fonts fonts{.regular = io.Fonts->AddFontDefault(&small),
                    .large = io.Fonts->AddFontDefault(&large)};
  imgui.build_fonts();
  MainWindow window(chat(), ViewState{}, PUSHLAB_SOURCE_DIR "/scenarios", fonts);
  const double scale = window.view().scale.pixels_per_second;
  draw_frame(window);
  window.view().presentation = true;
  draw_frame(window);
  CHECK(window.view().scale.pixels_per_second == doctest::Approx(2 * scale));
  window.view().presentation = false;
  draw_frame(window);
  CHECK(window.view().scale.pixels_per_second == doctest::Approx(scale));
}

}  // namespace pushlab::viz
