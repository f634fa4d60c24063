#include "viz/draw/controls_view.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "viz/draw/same_line_if_room.hpp"
#include "viz/model/time_format.hpp"

namespace pushlab::viz {

namespace {

constexpr double kZeroSeconds = 0;
constexpr float kZoomWidth = 9;  // font sizes

void step_forward(const Document& document, ViewState& view) {
  view.playback.pause();
  view.playback.seek(next_moment(document.diagram, view.playback.time()));
  view.scroll_to_playhead = true;
}

void step_back(const Document& document, ViewState& view) {
  view.playback.pause();
  view.playback.seek(previous_moment(document.diagram, view.playback.time()));
  view.scroll_to_playhead = true;
}

void go_to(ViewState& view, Nanoseconds time) {
  view.playback.seek(time);
  view.scroll_to_playhead = true;
}

void play_or_pause(ViewState& view) {
  view.playback.toggle();
  view.follow_playhead = true;
}

}  // namespace

void draw_playback_bar(const Document& document, ViewState& view) {
  Playback& playback = view.playback;
  if (ImGui::Button("|<")) go_to(view, Nanoseconds{0});
  ImGui::SameLine();
  if (ImGui::Button("<")) step_back(document, view);
  ImGui::SameLine();
  if (ImGui::Button(playback.playing() ? "Pause" : "Play", {ImGui::GetFontSize() * 4, 0})) {
    play_or_pause(view);
  }
  ImGui::SameLine();
  if (ImGui::Button(">")) step_forward(document, view);
  ImGui::SameLine();
  if (ImGui::Button(">|")) go_to(view, playback.end());

  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  float speed = playback.slider_position();
  char speed_text[32];
  std::snprintf(speed_text, sizeof speed_text, "speed %gx",
                std::round(playback.speed() * 100) / 100);
  if (ImGui::SliderFloat("##speed", &speed, -2.0f, 3.0f, speed_text)) {
    playback.set_slider_position(speed);
  }

  ImGui::SameLine();
  const std::string now = format_time(playback.time()) + " / " + format_time(playback.end());
  // The scrubber takes what the zoom slider and the checkbox after it leave, but never less
  // than its text; they go to the next line if that leaves them no room.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float zoom_width = kZoomWidth * ImGui::GetFontSize();
  const float checkbox_width =
      ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize("compress idle").x;
  const float after = zoom_width + checkbox_width + 2 * style.ItemSpacing.x;
  const float least = ImGui::CalcTextSize(now.c_str()).x + 2 * style.FramePadding.x +
                      ImGui::GetFontSize();  // the grab
  const float room = ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(room - after >= least ? room - after : std::max(least, room));
  double seconds = std::chrono::duration<double>(playback.time()).count();
  const double end_seconds = std::chrono::duration<double>(playback.end()).count();
  if (ImGui::SliderScalar("##time", ImGuiDataType_Double, &seconds, &kZeroSeconds, &end_seconds,
                          now.c_str())) {
    go_to(view, std::chrono::duration_cast<Nanoseconds>(std::chrono::duration<double>(seconds)));
  }

  same_line_if_room(zoom_width);
  ImGui::SetNextItemWidth(zoom_width);
  float zoom = static_cast<float>(std::log10(view.scale.pixels_per_second));
  char zoom_text[32];
  std::snprintf(zoom_text, sizeof zoom_text, "%.0f px/s", view.scale.pixels_per_second);
  if (ImGui::SliderFloat("##zoom", &zoom, 1.0f, 6.0f, zoom_text)) {
    view.scale.pixels_per_second = std::pow(10.0, static_cast<double>(zoom));
    view.scroll_to_playhead = true;
  }
  same_line_if_room(checkbox_width);
  ImGui::Checkbox("compress idle", &view.scale.compress_idle);
}

void handle_playback_keys(const Document& document, ViewState& view) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) play_or_pause(view);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) step_forward(document, view);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) step_back(document, view);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) go_to(view, Nanoseconds{0});
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) {
    go_to(view, view.playback.end());
  }
  // Dear ImGui 1.86 indexes other keys by the backend's codes: GLFW's here.
  if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD)) {
    view.playback.faster();
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_MINUS) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT)) {
    view.playback.slower();
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_F11, false)) view.presentation = !view.presentation;
}

}  // namespace pushlab::viz
