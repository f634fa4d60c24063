#include "viz/draw/live_bar.hpp"

#include <imgui.h>

#include <chrono>
#include <cstdio>

namespace pushlab::viz {

namespace {

constexpr double kSlowestScale = 1;  // real time: a live run is never slower than life
constexpr double kFastestScale = 1000;

// "live 4 s of 15 s": wall time, as the learner waits it.
void draw_progress(const LiveRun& run) {
  const double length = std::chrono::duration<double>(run.wall_length()).count();
  char text[64];
  std::snprintf(text, sizeof text, "live %.0f s of %.0f s", length * run.progress(), length);
  ImGui::ProgressBar(static_cast<float>(run.progress()), {ImGui::GetFontSize() * 10, 0}, text);
}

void draw_time_scale(LiveControls& controls, const sim::Scenario& scenario) {
  double scale = chosen_time_scale(controls, scenario);
  // "8x: 15 s": the scale, and how long the run would take at it.
  char format[64];
  std::snprintf(format, sizeof format, "%%.4gx: %.0f s",
                std::chrono::duration<double>(wall_time(scenario.duration, scale)).count());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  if (ImGui::SliderScalar("##live time scale", ImGuiDataType_Double, &scale, &kSlowestScale,
                          &kFastestScale, format, ImGuiSliderFlags_Logarithmic)) {
    controls.time_scale = scale;
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Time scale of a live run: scenario seconds per second, and how long the run takes.\n"
        "Faster runs shrink latencies with time, so this machine's own delays weigh more.");
  }
}

// Whether the last live run is shown, can be, or was for another scenario.
LiveRequest draw_result_state(const LiveRun& run, const sim::Scenario& scenario,
                              LiveControls& controls) {
  if (!run.result()) return LiveRequest::none;
  ImGui::SameLine();
  if (!run.current_for(scenario)) {
    ImGui::TextDisabled("(the live run was for other parameters)");
    return LiveRequest::none;
  }
  return ImGui::Checkbox("live lanes", &controls.show_lanes) ? LiveRequest::show_or_hide_lanes
                                                             : LiveRequest::none;
}

}  // namespace

double chosen_time_scale(const LiveControls& controls, const sim::Scenario& scenario) {
  return controls.time_scale.value_or(default_time_scale(scenario.duration));
}

LiveRequest draw_live_bar(const LiveRun& run, const sim::Scenario& scenario,
                          LiveControls& controls) {
  LiveRequest request = LiveRequest::none;
  ImGui::BeginDisabled(run.running());
  if (ImGui::Button("Run live")) request = LiveRequest::start;
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip(
        "Runs this scenario over real sockets on this machine\nand shows its lanes beside the "
        "simulated ones.");
  }
  ImGui::SameLine();
  draw_time_scale(controls, scenario);
  ImGui::EndDisabled();
  if (run.running()) {
    ImGui::SameLine();
    draw_progress(run);
    return request;
  }
  const LiveRequest shown = draw_result_state(run, scenario, controls);
  return request == LiveRequest::none ? shown : request;
}

}  // namespace pushlab::viz
