#pragma once
// The whole window, one Dear ImGui frame at a time: the scenario and lesson pickers, the playback
// bar, the lanes, the inspector beside them, the figures under them, and an open lesson on the
// left. Owns what it shows. After a live run
// of the scenario, its lanes stand beside the simulated ones until the scenario changes.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "live/run.hpp"
#include "viz/draw/events_view.hpp"
#include "viz/draw/export_view.hpp"
#include "viz/draw/live_bar.hpp"
#include "viz/draw/palette.hpp"
#include "viz/model/document.hpp"
#include "viz/model/lesson_session.hpp"
#include "viz/model/live_run.hpp"
#include "viz/model/time_axis.hpp"
#include "viz/model/view_state.hpp"

namespace pushlab::viz {

// The lesson panel's styles of one size; a missing one is stood in for by the regular font.
struct TextStyles {
  ImFont* bold = nullptr;
  ImFont* italic = nullptr;
  ImFont* mono = nullptr;  // code
};

struct Fonts {
  ImFont* regular = nullptr;
  ImFont* large = nullptr;  // presentation mode
  float scale = 1;          // of the whole interface: the screen's, or --scale
  TextStyles regular_styles{};
  TextStyles large_styles{};
};

class MainWindow {
 public:
  // `live_runner` runs the scenario live for the Live button (a stand-in in tests).
  MainWindow(Document document, ViewState view, std::filesystem::path scenarios_dir, Fonts fonts,
             LiveRunner live_runner = live::run);

  // Draws the next frame, `wall_seconds` after the last.
  void draw(double wall_seconds);

  ViewState& view() { return view_; }

  // Shows another run (of this scenario or another), keeping the view where it fits.
  void show(Document document);
  const Document& document() const { return document_; }  // the simulated run

  // Runs the scenario live, as the Live button does; false while a run is going.
  bool start_live_run();
  // A live run is going: the window should be drawn again soon, to show how far it has come.
  bool live_running() const { return live_.running(); }

  // What the lanes, panels and inspector draw: the simulated run, with the live lanes beside
  // it when they are shown.
  const Document& shown() const { return paired_ ? *paired_ : document_; }

  // Opens a lesson beside the diagrams, at `step` (from 0), and moves the view there.
  void open_lesson(LessonSession lesson, std::size_t step = 0);
  // Moves the lesson to `step` and the diagram, inspector and parameters to its directives.
  void show_step(std::size_t step);
  const std::optional<LessonSession>& lesson() const { return lesson_; }
  // Why the current step's frame could not be selected (empty if it was, or if none).
  const std::string& lesson_problem() const { return lesson_problem_; }

 private:
  void draw_lesson_picker();
  void draw_lesson_column(ImVec2 size);
  void draw_diagrams_and_panels(const Palette& palette);
  std::optional<Document> pair_with_live(const Document& simulated) const;
  void display(std::optional<Document> paired, const Document& simulated);
  void draw_live_controls();
  const TimeAxis& axis();
  void draw_scenario_bar();
  void draw_bottom_panel(const Palette& palette);
  void open(const std::filesystem::path& file);
  void draw_side_panel(const Palette& palette);
  void draw_parameters_tab();
  void apply_style();

  Document document_;               // the simulated run
  std::optional<Document> paired_;  // it with the live lanes beside, while they are shown
  LiveRun live_;
  LiveControls live_controls_;
  ViewState view_;
  std::filesystem::path scenarios_dir_;
  std::vector<std::filesystem::path> scenario_files_;
  std::vector<std::filesystem::path> lesson_files_;  // in lessons/, beside scenarios/
  std::vector<std::string> lesson_titles_;           // read when the picker first opens
  std::optional<LessonSession> lesson_;
  std::string lesson_problem_;
  Fonts fonts_;
  EventsView events_view_;
  ExportControls export_controls_;
  std::string error_;       // why the last scenario picked could not be opened or saved
  std::string edit_error_;  // why the last change of a parameter was refused
  char file_field_[1024] = "";
  std::optional<FrameRef> inspected_;  // the selection the side panel last saw

  TimeAxis axis_;
  AxisScale axis_scale_{};
  // Counts the documents shown: what was worked out for an older one is worked out again.
  std::uint64_t document_version_ = 1;
  std::uint64_t axis_version_ = 0;
  bool styled_for_presentation_ = false;
  bool styled_ = false;
  float live_bar_width_ = 0;  // as last drawn, to place it in the scenario bar
};

}  // namespace pushlab::viz
