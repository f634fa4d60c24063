#include "viz/draw/main_window.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "sim/json/input_error.hpp"
#include "sim/lesson/load.hpp"
#include "sim/scenario/save.hpp"
#include "viz/draw/controls_view.hpp"
#include "viz/draw/inspector_view.hpp"
#include "viz/draw/lanes_view.hpp"
#include "viz/draw/lesson_view.hpp"
#include "viz/draw/metrics_view.hpp"
#include "viz/draw/palette.hpp"
#include "viz/draw/parameters_view.hpp"
#include "viz/draw/plots_view.hpp"
#include "viz/draw/same_line_if_room.hpp"
#include "viz/model/live_lanes.hpp"
#include "viz/model/resimulate.hpp"

namespace pushlab::viz {

namespace {

std::vector<std::filesystem::path> list_files(const std::filesystem::path& directory,
                                              const char* extension) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    if (entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

constexpr float kLessonPickerWidth = 9;  // font sizes

bool same_scale(const AxisScale& a, const AxisScale& b) {
  return a.pixels_per_second == b.pixels_per_second && a.compress_idle == b.compress_idle &&
         a.max_idle_height == b.max_idle_height && a.busy_margin == b.busy_margin;
}

}  // namespace

MainWindow::MainWindow(Document document, ViewState view, std::filesystem::path scenarios_dir,
                       Fonts fonts, LiveRunner live_runner)
    : document_(std::move(document)),
      live_(std::move(live_runner)),
      view_(std::move(view)),
      scenarios_dir_(std::move(scenarios_dir)),
      scenario_files_(list_files(scenarios_dir_, ".json")),
      // Lessons name their scenarios from the folder above lessons/: the two sit side by side.
      lesson_files_(list_files(scenarios_dir_.parent_path() / "lessons", ".md")),
      fonts_(fonts) {
  view_.scale.pixels_per_second *= fonts_.scale;  // time keeps its length against the type
  view_.playback.set_end(document_.trace.duration);
  std::snprintf(file_field_, sizeof file_field_, "%s", document_.file.string().c_str());
}

const TimeAxis& MainWindow::axis() {
  // Breaks and margins are sized to the type, so their labels fit at any scale.
  AxisScale scale = view_.scale;
  scale.max_idle_height = 2.6f * ImGui::GetFontSize();
  scale.busy_margin = 0.6f * ImGui::GetFontSize();
  if (axis_version_ != document_version_ || !same_scale(axis_scale_, scale)) {
    axis_ = TimeAxis(shown().diagram.busy, shown().trace.duration, scale);
    axis_scale_ = scale;
    axis_version_ = document_version_;
  }
  return axis_;
}

void MainWindow::open(const std::filesystem::path& file) {
  try {
    show(open_document(file));
    view_.selected.reset();
    view_.scroll_to_playhead = true;
    error_.clear();
  } catch (const sim::json::InputError& error) {
    error_ = error.what();
  }
}

void MainWindow::show(Document document) {
  display(pair_with_live(document), document);
  document_ = std::move(document);
  std::snprintf(file_field_, sizeof file_field_, "%s", document_.file.string().c_str());
}

std::optional<Document> MainWindow::pair_with_live(const Document& simulated) const {
  // A live run of other parameters is not shown beside this one: it would compare unlike runs.
  if (!live_controls_.show_lanes || !live_.current_for(simulated.scenario)) return std::nullopt;
  return with_live_lanes(simulated, live_.result()->trace);
}

// Puts `paired` (or the simulated run alone) on screen; the view follows its lanes there.
void MainWindow::display(std::optional<Document> paired, const Document& simulated) {
  carry_view_over(view_, shown(), paired ? *paired : simulated);
  paired_ = std::move(paired);
  ++document_version_;
}

void MainWindow::open_lesson(LessonSession lesson, std::size_t step) {
  lesson_ = std::move(lesson);
  // Opened at a step without directives (its quiz), the diagram shows the last step that had.
  std::size_t placed = std::min(step, lesson_->step_count() - 1);
  while (placed > 0 && !lesson_->lesson().steps[placed].directives) --placed;
  show_step(placed);
  lesson_->go_to(step);
}

void MainWindow::show_step(std::size_t step) {
  lesson_->go_to(step);
  lesson_problem_.clear();
  error_.clear();
  // A step without directives (a quiz, a summary) leaves the diagram where the learner has it.
  if (!lesson_->current().directives) return;
  const StepView& step_view = lesson_->current_view();
  // The step's scenario is the file's with the step's changes: not to be saved over the file.
  // Steps often share one: it is simulated again only when it changes (a thousand clients take
  // a moment).
  if (step_view.scenario && !(*step_view.scenario == document_.scenario)) {
    show(make_document(*step_view.scenario));
  }
  const std::optional<std::string> problem = apply_step_view(step_view, shown(), view_);
  lesson_problem_ = problem.value_or("");
}

bool MainWindow::start_live_run() {
  return live_.start(document_.scenario, chosen_time_scale(live_controls_, document_.scenario));
}

void MainWindow::draw_live_controls() {
  if (live_.collect()) display(pair_with_live(document_), document_);
  switch (viz::draw_live_bar(live_, document_.scenario, live_controls_)) {
    case LiveRequest::start:
      start_live_run();
      break;
    case LiveRequest::show_or_hide_lanes:
      display(pair_with_live(document_), document_);
      break;
    case LiveRequest::none:
      break;
  }
}

// The scenario's controls; any change runs the scenario again at once, keeping the playhead.
void MainWindow::draw_parameters_tab() {
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 7);
  ImGui::InputText("##file", file_field_, sizeof file_field_);
  ImGui::SameLine();
  if (ImGui::Button("Open")) open(file_field_);
  ImGui::SameLine();
  if (ImGui::Button("Save")) {
    try {
      sim::save_scenario_file(document_.scenario, file_field_);
      document_.file = file_field_;
      error_.clear();
    } catch (const sim::json::InputError& error) {
      error_ = error.what();
    }
  }
  if (!edit_error_.empty()) ImGui::TextColored({0.9f, 0.4f, 0.2f, 1}, "%s", edit_error_.c_str());
  ImGui::Separator();
  sim::Scenario edited = document_.scenario;
  if (!draw_parameters(edited)) return;
  Resimulation run = resimulate(edited, document_.file);
  if (run.document) {
    show(std::move(*run.document));
    edit_error_.clear();
  } else {
    edit_error_ = run.error;
  }
}

void MainWindow::apply_style() {
  if (styled_ && styled_for_presentation_ == view_.presentation) return;
  // Larger type needs a longer time axis for labels to keep clear of each other.
  if (fonts_.large && (styled_ || view_.presentation)) {
    const double ratio = fonts_.large->FontSize / fonts_.regular->FontSize;
    view_.scale.pixels_per_second *= view_.presentation ? ratio : 1 / ratio;
    view_.scroll_to_playhead = true;
  }
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (view_.presentation) {
    ImGui::StyleColorsLight(&style);
  } else {
    ImGui::StyleColorsDark(&style);
  }
  style.FrameRounding = 3;
  style.WindowRounding = 0;
  style.ChildRounding = 3;
  style.ScaleAllSizes(fonts_.scale);
  styled_ = true;
  styled_for_presentation_ = view_.presentation;
}

void MainWindow::draw_scenario_bar() {
  const std::string current =
      document_.file.empty() ? document_.scenario.name : document_.file.filename().string();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  if (ImGui::BeginCombo("##scenario", current.c_str())) {
    for (const std::filesystem::path& file : scenario_files_) {
      const bool chosen = file == document_.file;
      if (ImGui::Selectable(file.filename().string().c_str(), chosen)) open(file);
    }
    ImGui::EndCombo();
  }
  same_line_if_room(ImGui::CalcTextSize(document_.scenario.title.c_str()).x);
  ImGui::TextUnformatted(document_.scenario.title.c_str());
  // The description is a paragraph: kept out of the diagrams' way until asked for.
  if (!document_.scenario.description.empty()) {
    same_line_if_room(ImGui::CalcTextSize("(about)").x);
    ImGui::TextDisabled("(about)");
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
      ImGui::TextUnformatted(document_.scenario.description.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
  const float gap = ImGui::GetFontSize() * 1.5f;
  if (!lesson_files_.empty()) {
    same_line_if_room(kLessonPickerWidth * ImGui::GetFontSize(), gap);
    draw_lesson_picker();
  }
  // (Its width is known once drawn: last frame's decides where it goes.)
  same_line_if_room(live_bar_width_, gap);
  ImGui::BeginGroup();
  draw_live_controls();
  ImGui::EndGroup();
  live_bar_width_ = ImGui::GetItemRectSize().x;
  // The button sits at the right edge, after the rest if there is room, else below it.
  const char* button = view_.presentation ? "Leave presentation" : "Presentation (F11)";
  const float button_width = ImGui::CalcTextSize(button).x + 2 * ImGui::GetStyle().FramePadding.x;
  same_line_if_room(button_width);
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - button_width);
  if (ImGui::Button(button)) {
    view_.presentation = !view_.presentation;
  }
  if (!error_.empty()) ImGui::TextColored({0.9f, 0.4f, 0.2f, 1}, "%s", error_.c_str());
  if (!live_.error().empty()) {
    ImGui::TextColored({0.9f, 0.4f, 0.2f, 1}, "The live run failed: %s", live_.error().c_str());
  }
}

// The lessons in lessons/, by title; picking one opens it at its first step.
void MainWindow::draw_lesson_picker() {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * kLessonPickerWidth);
  if (!ImGui::BeginCombo("##lesson", "Lessons")) return;
  if (lesson_titles_.empty()) {
    for (const std::filesystem::path& file : lesson_files_) {
      try {
        lesson_titles_.push_back(plain_text(parse_inline(sim::load_lesson_file(file).title)));
      } catch (const sim::json::InputError&) {
        lesson_titles_.push_back(file.filename().string() + " (cannot be read: see validate)");
      }
    }
  }
  for (std::size_t i = 0; i < lesson_files_.size(); ++i) {
    const bool open = lesson_ && lesson_->file() == lesson_files_[i];
    const std::string label = std::to_string(i + 1) + ". " + lesson_titles_[i];
    if (!ImGui::Selectable(label.c_str(), open)) continue;
    try {
      open_lesson(LessonSession::open(lesson_files_[i]));
    } catch (const sim::json::InputError& error) {
      error_ = error.what();
    }
  }
  ImGui::EndCombo();
}

// On the left, while a lesson is open: the step's text and quiz.
void MainWindow::draw_lesson_column(ImVec2 size) {
  ImGui::BeginChild("lesson", size, true);
  const TextStyles& styles =
      view_.presentation && fonts_.large ? fonts_.large_styles : fonts_.regular_styles;
  const LessonRequest request = draw_lesson_panel(*lesson_, styles, lesson_problem_);
  ImGui::EndChild();
  if (request.go_to) show_step(*request.go_to);
  if (request.close) {
    lesson_.reset();
    lesson_problem_.clear();
  }
}

// Beside the lanes: the inspector, or the scenario's parameters.
void MainWindow::draw_side_panel(const Palette& palette) {
  if (!ImGui::BeginTabBar("side")) return;
  // A click on a frame brings the inspector forward.
  const bool newly_selected = view_.selected && view_.selected != inspected_;
  inspected_ = view_.selected;
  if (ImGui::BeginTabItem(
          "Inspector", nullptr,
          newly_selected ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None)) {
    ImGui::BeginChild("inspector");
    draw_inspector(shown(), view_, palette);
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  const bool show_parameters = view_.show_panel == Panel::parameters;
  if (ImGui::BeginTabItem(
          "Parameters", nullptr,
          show_parameters ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None)) {
    ImGui::BeginChild("parameters");
    draw_parameters_tab();
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// Under the lanes: the plots, the event list, the figures table, the exports, one at a time.
void MainWindow::draw_bottom_panel(const Palette& palette) {
  if (!ImGui::BeginTabBar("bottom")) return;
  const auto flags = [this](Panel panel) {
    // (A panel beside the diagrams leaves this one as it is.)
    return view_.show_panel == panel ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
  };
  if (ImGui::BeginTabItem("Plots", nullptr, flags(Panel::plots))) {
    ImGui::BeginChild("plots");
    draw_plots(shown(), view_, palette);
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Events", nullptr, flags(Panel::events))) {
    events_view_.draw(shown(), document_version_, view_, palette);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Figures", nullptr, flags(Panel::figures))) {
    ImGui::BeginChild("metrics");
    draw_metrics_table(shown());
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Export", nullptr, flags(Panel::exports))) {
    draw_export_tab(shown(), export_controls_);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// The lanes, the side panel beside them and the bottom panel under both, in the space left.
void MainWindow::draw_diagrams_and_panels(const Palette& palette) {
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const bool show_inspector = !view_.presentation || view_.selected;
  const float inspector_width =
      show_inspector ? std::max(21 * ImGui::GetFontSize(), available.x * 0.3f) : 0;
  const float bottom_height =
      view_.presentation
          ? 0
          : std::min(available.y * 0.32f, ImGui::GetTextLineHeightWithSpacing() * 19);
  const ImVec2 lanes_size{available.x - inspector_width - ImGui::GetStyle().ItemSpacing.x,
                          available.y - bottom_height};
  ImGui::BeginGroup();
  draw_lanes_view(shown(), axis(), view_, palette, lanes_size);
  ImGui::EndGroup();
  if (show_inspector) {
    ImGui::SameLine();
    ImGui::BeginChild("side", {inspector_width, lanes_size.y}, true);
    draw_side_panel(palette);
    ImGui::EndChild();
  }
  if (bottom_height > 0) draw_bottom_panel(palette);
}

void MainWindow::draw(double wall_seconds) {
  apply_style();
  const Palette& palette = view_.presentation ? presentation_palette() : dark_palette();
  ImFont* font = view_.presentation && fonts_.large ? fonts_.large : fonts_.regular;
  if (font) ImGui::PushFont(font);

  handle_playback_keys(shown(), view_);
  view_.playback.advance(wall_seconds);

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("PushLab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  draw_scenario_bar();
  draw_playback_bar(shown(), view_);
  ImGui::Separator();

  if (lesson_) {
    const ImVec2 whole = ImGui::GetContentRegionAvail();
    draw_lesson_column({std::max(24 * ImGui::GetFontSize(), whole.x * 0.3f), whole.y});
    ImGui::SameLine();
  }
  ImGui::BeginGroup();
  draw_diagrams_and_panels(palette);
  ImGui::EndGroup();
  ImGui::End();
  view_.show_panel.reset();  // brought forward once; from now on the learner picks
  if (font) ImGui::PopFont();
}

}  // namespace pushlab::viz
