// What one frame of the window costs on the CPU: MainWindow::draw (culling, layout, the draw
// lists of the lanes, inspector and table) and ImGui::Render, with no GPU and no window: Dear
// ImGui runs headless with a display size and a built font atlas. The scenario is chat with
// enough clients that the Trace holds over 10,000 frames.
//
//   draw_frame_bench --benchmark_repetitions=3

#include <benchmark/benchmark.h>
#include <imgui.h>

#include <cstdio>
#include <string>

#include "sim/scenario/load.hpp"
#include "viz/draw/headless_imgui.hpp"
#include "viz/draw/main_window.hpp"
#include "viz/model/document.hpp"
#include "viz/model/frame_ref.hpp"

namespace {

using namespace pushlab;
using namespace std::chrono_literals;

viz::Document big_document(int clients) {
  sim::Scenario scenario = sim::load_scenario_file(PUSHLAB_SCENARIOS_DIR "/chat.json");
  scenario.clients = static_cast<std::size_t>(clients);
  return viz::make_document(std::move(scenario));
}

std::size_t frame_count(const viz::Document& document) {
  std::size_t frames = 0;
  for (const sim::Lane& lane : document.trace.lanes) frames += lane.frames.size();
  return frames;
}

void draw_frame(benchmark::State& state) {
  viz::HeadlessImGui imgui({1920, 1080});
  const viz::Fonts fonts{
      .regular = ImGui::GetIO().Fonts->AddFontFromFileTTF(PUSHLAB_FONTS_DIR "/DejaVuSans.ttf", 17),
      .large = nullptr};
  imgui.build_fonts();

  viz::Document document = big_document(static_cast<int>(state.range(0)));
  const std::size_t frames = frame_count(document);
  viz::ViewState view;
  view.playback.set_end(document.trace.duration);
  view.playback.seek(60s);
  view.selected = viz::find_frame(document.trace, document.diagram, "101").ref;
  viz::MainWindow window(std::move(document), std::move(view), PUSHLAB_SCENARIOS_DIR, fonts);

  for (auto _ : state) benchmark::DoNotOptimize(viz::draw_one_frame(window));
  state.counters["trace_frames"] = static_cast<double>(frames);
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;
}

BENCHMARK(draw_frame)->ArgName("clients")->Arg(1)->Arg(15)->Arg(150)->Unit(benchmark::kMillisecond);

// The same with a lesson open beside the diagrams, at the step given: its Markdown laid out and
// drawn every frame in four fonts (regular, bold, italic, mono), as the window does.
void draw_frame_with_lesson(benchmark::State& state) {
  viz::HeadlessImGui imgui({1920, 1080});
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  const viz::Fonts fonts{
      .regular = atlas.AddFontFromFileTTF(PUSHLAB_FONTS_DIR "/DejaVuSans.ttf", 17),
      .large = nullptr,
      .regular_styles = {
          .bold = atlas.AddFontFromFileTTF(PUSHLAB_FONTS_DIR "/DejaVuSans-Bold.ttf", 17),
          .italic = atlas.AddFontFromFileTTF(PUSHLAB_FONTS_DIR "/DejaVuSans-Oblique.ttf", 17),
          .mono = atlas.AddFontFromFileTTF(PUSHLAB_FONTS_DIR "/DejaVuSansMono.ttf", 17)}};
  imgui.build_fonts();
  viz::MainWindow window(big_document(1), {}, PUSHLAB_SCENARIOS_DIR, fonts);
  window.open_lesson(
      viz::LessonSession::open(PUSHLAB_SCENARIOS_DIR "/../lessons/11-interview-chat-app.md"),
      static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(viz::draw_one_frame(window));
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;
}

// Step 3 of lesson 11 holds a table; step 9 is its quiz.
BENCHMARK(draw_frame_with_lesson)->ArgName("step")->Arg(2)->Arg(8)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
