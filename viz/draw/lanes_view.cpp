#include "viz/draw/lanes_view.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "viz/draw/imgui_painter.hpp"
#include "viz/model/lane_scene.hpp"
#include "viz/model/time_format.hpp"

namespace pushlab::viz {

namespace {

// Sizes are given for 17-pixel type and grow with the font: presentation mode, a 4K screen
// or --scale make everything larger together.
float px(float size_at_17) {
  return size_at_17 * ImGui::GetFontSize() / 17.0f;
}
float gutter_width() {  // time labels left of the lanes
  return px(78);
}
float top_padding() {
  return px(12);
}

// What one frame of drawing needs, worked out once at its start.
struct Canvas {
  const Document& document;
  ViewState& view;
  const Palette& palette;
  ImDrawList* draw;
  ImVec2 origin;  // screen position of time 0, left edge of the gutter
  const TimeAxis& axis;
  float top = 0;  // screen y of the child's visible top

  float y(Nanoseconds time) const { return origin.y + top_padding() + axis.y_of(time); }
  Nanoseconds time_at(float screen_y) const {
    return axis.time_at(screen_y - origin.y - top_padding());
  }
};

// Each lane's title, shortened where the full one does not fit, and its lifelines' names.
void draw_lane_headers(const Document& document, const std::vector<LaneLayout>& lanes,
                       const Palette& palette, ImVec2 at, float height) {
  std::vector<std::string> titles;
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    std::string title = lane_title(document, i);
    if (ImGui::CalcTextSize(title.c_str()).x > lanes[i].width - px(4)) {
      title = lane_title(document.trace.lanes[i].transport, lane_source(document, i),
                         /*shortened=*/true);
    }
    titles.push_back(std::move(title));
  }
  ImGuiPainter painter(ImGui::GetWindowDrawList(), palette);
  paint_lane_headers(lanes, titles, painter, at.y, height);
}

void draw_playhead(const Canvas& canvas, float right) {
  const float y = canvas.y(canvas.view.playback.time());
  canvas.draw->AddLine({canvas.origin.x + gutter_width() - px(6), y}, {right, y},
                       canvas.palette.playhead, px(2));
  const std::string text = format_time(canvas.view.playback.time());
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  canvas.draw->AddRectFilled({canvas.origin.x, y - size.y / 2 - 2},
                             {canvas.origin.x + size.x + 8, y + size.y / 2 + 2},
                             canvas.palette.playhead, 3);
  canvas.draw->AddText({canvas.origin.x + 4, y - size.y / 2}, canvas.palette.background,
                       text.c_str());
}

// Hover, click to select, click the gutter to seek, Ctrl+wheel to zoom about the mouse, drag
// with the right button to pan.
void handle_mouse(Canvas& canvas, const DiagramScene& scene) {
  canvas.view.hovered.reset();
  if (!ImGui::IsWindowHovered()) return;
  const ImGuiIO& io = ImGui::GetIO();
  const Point mouse{io.MousePos.x, io.MousePos.y};
  if (const auto frame = frame_at(scene, mouse, px(6))) {
    canvas.view.hovered = frame;
    ImGui::SetTooltip("%s\n%s",
                      canvas.document.diagram.lanes[frame->lane].labels[frame->frame].c_str(),
                      "click to inspect");
  }
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    if (canvas.view.hovered) {
      canvas.view.selected = canvas.view.hovered;
    } else if (mouse.x < canvas.origin.x + gutter_width()) {
      canvas.view.playback.seek(canvas.time_at(mouse.y));
      canvas.view.follow_playhead = true;
    }
  }
  if (io.KeyCtrl && io.MouseWheel != 0) {
    const Nanoseconds anchor = canvas.time_at(mouse.y);
    const double factor = std::pow(1.25, io.MouseWheel);
    canvas.view.scale.pixels_per_second =
        std::clamp(canvas.view.scale.pixels_per_second * factor, 5.0, 2e6);
    canvas.view.zoom_anchor = ZoomAnchor{anchor, mouse.y - canvas.top};
  } else if (io.MouseWheel != 0) {
    canvas.view.follow_playhead = false;
  }
  // Dragging with the right button pans, as in a map.
  if (ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    canvas.view.follow_playhead = false;
  }
}

}  // namespace

void draw_lanes_view(const Document& document, const TimeAxis& axis, ViewState& view,
                     const Palette& palette, ImVec2 size) {
  const float header_height = 2 * ImGui::GetTextLineHeight() + 14;
  const ImVec2 header_at = ImGui::GetCursorScreenPos();
  const float lanes_left = header_at.x + gutter_width();
  const float lanes_width = size.x - gutter_width() - ImGui::GetStyle().ScrollbarSize;
  const std::vector<LaneLayout> header_lanes =
      lay_out_lanes(document.trace, lanes_left, lanes_width, px(10));
  draw_lane_headers(document, header_lanes, palette, header_at, header_height);
  ImGui::Dummy({size.x, header_height});

  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(palette.background));
  ImGui::BeginChild("lanes", {size.x, size.y - header_height - ImGui::GetStyle().ItemSpacing.y},
                    false, ImGuiWindowFlags_AlwaysVerticalScrollbar);
  const float view_height = ImGui::GetWindowHeight();
  if (view.zoom_anchor) {  // keep the time under the mouse where it was
    ImGui::SetScrollY(top_padding() + axis.y_of(view.zoom_anchor->time) - view.zoom_anchor->offset);
    view.zoom_anchor.reset();
  } else if (view.follow_playhead && view.playback.playing()) {
    ImGui::SetScrollY(
        std::max(0.0f, top_padding() + axis.y_of(view.playback.time()) - 0.35f * view_height));
  } else if (view.scroll_to_playhead) {
    ImGui::SetScrollY(
        std::max(0.0f, top_padding() + axis.y_of(view.playback.time()) - 0.35f * view_height));
    view.scroll_to_playhead = false;
  }

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  Canvas canvas{.document = document,
                .view = view,
                .palette = palette,
                .draw = ImGui::GetWindowDrawList(),
                .origin = origin,
                .axis = axis,
                .top = ImGui::GetWindowPos().y};
  const float bottom = canvas.top + view_height;
  const SceneFrame frame{.gutter_left = origin.x,
                         .lanes_left = origin.x + gutter_width(),
                         .lanes_width = lanes_width,
                         .gap = px(10),
                         .time_zero_y = canvas.y(Nanoseconds{0}),
                         .top = canvas.top,
                         .bottom = bottom,
                         .visible = {canvas.time_at(canvas.top), canvas.time_at(bottom)},
                         .unit = px(1),
                         .time_step = 3.5f * ImGui::GetTextLineHeight()};
  ImGuiPainter painter(canvas.draw, palette);
  const DiagramScene scene = build_scene(
      document.trace, document.diagram, axis, frame,
      {.now = view.playback.time(), .selected = view.selected, .hovered = view.hovered}, painter);
  paint_scene(scene, painter);
  draw_playhead(canvas, frame.lanes_left + lanes_width);
  ImGui::Dummy({size.x - ImGui::GetStyle().ScrollbarSize, top_padding() + axis.height() + 40});
  handle_mouse(canvas, scene);
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace pushlab::viz
