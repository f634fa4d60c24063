#include "viz/draw/lanes_view.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "viz/model/arrows.hpp"
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
constexpr float kNotYetSentAlpha = 0.18f;

// What one frame of drawing needs, worked out once at its start.
struct Canvas {
  const Document& document;
  const TimeAxis& axis;
  ViewState& view;
  const Palette& palette;
  ImDrawList* draw;
  ImVec2 origin;  // screen position of time 0, left edge of the gutter
  std::vector<LaneGeometry> lanes;
  TimeSpan visible;
  float top = 0;  // screen y of the child's visible top and bottom
  float bottom = 0;

  float y(Nanoseconds time) const { return origin.y + top_padding() + axis.y_of(time); }
  Nanoseconds time_at(float screen_y) const {
    return axis.time_at(screen_y - origin.y - top_padding());
  }
};

ImVec2 im(Point point) {
  return {point.x, point.y};
}

std::string lifeline_name(sim::EndpointRole role, std::size_t clients) {
  switch (role) {
    case sim::EndpointRole::client:
      return clients > 1 ? std::to_string(clients) + " clients" : "Client";
    case sim::EndpointRole::proxy:
      return "Proxy";
    case sim::EndpointRole::server:
      return "Server";
  }
  return "";
}

std::size_t client_count(const sim::Lane& lane) {
  return static_cast<std::size_t>(
      std::count_if(lane.endpoints.begin(), lane.endpoints.end(),
                    [](const sim::Endpoint& e) { return e.role == sim::EndpointRole::client; }));
}

void draw_lane_headers(const Document& document, const std::vector<LaneGeometry>& lanes,
                       const Palette& palette, ImVec2 at, float height) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const LaneGeometry& lane = lanes[i];
    const sim::Lane& trace_lane = document.trace.lanes[i];
    draw->AddRectFilled({lane.left, at.y}, {lane.left + lane.width, at.y + height},
                        palette.lane_background, 4.0f);
    std::string title = lane_title(document, i);
    if (ImGui::CalcTextSize(title.c_str()).x > lane.width - px(4)) {
      title = lane_title(trace_lane.transport, lane_source(document, i), /*shortened=*/true);
    }
    const float title_width = ImGui::CalcTextSize(title.c_str()).x;
    draw->AddText({lane.left + (lane.width - title_width) / 2, at.y + 4}, palette.text,
                  title.c_str());
    for (const sim::EndpointRole role : sim::kAllEndpointRoles) {
      if (role == sim::EndpointRole::proxy && !lane.has_proxy) continue;
      const std::string name = lifeline_name(role, client_count(trace_lane));
      const float width = ImGui::CalcTextSize(name.c_str()).x;
      draw->AddText({lane.x_of(role) - width / 2, at.y + 8 + line}, palette.faint_text,
                    name.c_str());
    }
  }
}

// True if a label at screen y would overlap a break's own label.
bool near_break(const Canvas& canvas, float y) {
  const auto& breaks = canvas.axis.breaks();
  const float axis_y = y - canvas.origin.y - top_padding();
  const float line = ImGui::GetTextLineHeight();
  const auto after = std::lower_bound(
      breaks.begin(), breaks.end(), axis_y - 2 * line,
      [](const AxisBreak& cut, float value) { return cut.y + cut.height < value; });
  return after != breaks.end() && after->y - line < axis_y + line;
}

void draw_time_gutter(const Canvas& canvas) {
  const float step = 3.5f * ImGui::GetTextLineHeight();
  const float first = std::floor((canvas.top - canvas.origin.y) / step) * step + canvas.origin.y;
  for (float y = first; y < canvas.bottom; y += step) {
    if (near_break(canvas, y)) continue;
    const std::string text = format_time(canvas.time_at(y));
    canvas.draw->AddText({canvas.origin.x + 4, y}, canvas.palette.faint_text, text.c_str());
  }
}

// A zigzag across every lane where idle time was cut out, and how much.
void draw_breaks(const Canvas& canvas, float right) {
  for (const AxisBreak& cut : canvas.axis.breaks()) {
    const float y = canvas.origin.y + top_padding() + cut.y + cut.height / 2;
    if (y < canvas.top - 20 || y > canvas.bottom + 20) continue;
    const float left = canvas.origin.x + gutter_width();
    for (float x = left; x < right; x += 12) {
      canvas.draw->AddLine({x, y - 3}, {x + 6, y + 3}, canvas.palette.faint_text);
      canvas.draw->AddLine({x + 6, y + 3}, {x + 12, y - 3}, canvas.palette.faint_text);
    }
    const std::string text = format_duration(cut.span.end - cut.span.begin) + " idle";
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const float x = canvas.origin.x + gutter_width() + 8;
    canvas.draw->AddRectFilled({x - 3, y - size.y / 2 - 1}, {x + size.x + 3, y + size.y / 2 + 1},
                               canvas.palette.background);
    canvas.draw->AddText({x, y - size.y / 2}, canvas.palette.faint_text, text.c_str());
  }
}

void draw_lifelines(const Canvas& canvas, const LaneGeometry& lane) {
  canvas.draw->AddRectFilled({lane.left, canvas.top}, {lane.left + lane.width, canvas.bottom},
                             canvas.palette.lane_background);
  for (const sim::EndpointRole role : sim::kAllEndpointRoles) {
    if (role == sim::EndpointRole::proxy && !lane.has_proxy) continue;
    const float x = lane.x_of(role);
    canvas.draw->AddLine({x, canvas.top}, {x, canvas.bottom}, canvas.palette.lifeline, px(1.5f));
  }
}

// Each connection as a thin bar beside the lifeline of the side that opened it, for as long as
// it was open; bars of connections open at once sit side by side.
void draw_connections(const Canvas& canvas, const sim::Lane& lane, const LaneGeometry& geometry) {
  for (std::size_t i = 0; i < lane.connections.size(); ++i) {
    const sim::Connection& connection = lane.connections[i];
    const Nanoseconds closed = connection.closed_at.value_or(canvas.axis.duration());
    if (closed < canvas.visible.begin || connection.opened_at > canvas.visible.end) continue;
    const float offset = px(4) * static_cast<float>(1 + i % 6);
    for (const sim::EndpointId end : {connection.from, connection.to}) {
      const sim::EndpointRole role = lane.endpoints[end].role;
      const float x = geometry.x_of(role) + (role == sim::EndpointRole::server ? offset : -offset);
      canvas.draw->AddRectFilled({x - px(1.5f), canvas.y(connection.opened_at)},
                                 {x + px(1.5f), canvas.y(closed)}, canvas.palette.connection);
    }
  }
}

// A held request: a bracket beside the server's lifeline, and how long it was held written
// left of it, where nothing else is drawn while the request waits.
void draw_holds(const Canvas& canvas, const LaneDiagram& diagram, const LaneGeometry& geometry) {
  const ImU32 colour = canvas.palette.frame(FrameColour::http);
  float last_label_bottom = -1e9f;  // many clients' holds overlap: their labels must not
  for (const Hold& hold : diagram.holds) {
    if (hold.span.end < canvas.visible.begin || hold.span.begin > canvas.visible.end) continue;
    const float x = geometry.server_x() + px(8);
    const float top = canvas.y(hold.span.begin);
    const float bottom = canvas.y(hold.span.end);
    canvas.draw->AddLine({x - px(4), top}, {x + px(2), top}, colour, px(2));
    canvas.draw->AddLine({x + px(2), top}, {x + px(2), bottom}, colour, px(2));
    canvas.draw->AddLine({x - px(4), bottom}, {x + px(2), bottom}, colour, px(2));
    const std::string text = "held " + format_duration(hold.span.end - hold.span.begin);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    // Just under the request's arrival, where time runs at true scale: the middle of a long
    // hold is often a compressed break.
    const float label_top = std::max(top + px(4), canvas.top + px(4));
    if (label_top < last_label_bottom || label_top > bottom) continue;
    canvas.draw->AddText({geometry.server_x() - size.x - px(6), label_top}, colour, text.c_str());
    last_label_bottom = label_top + size.y;
  }
}

void draw_arrow(const Canvas& canvas, const Arrow& arrow, ImU32 colour, float thickness) {
  canvas.draw->AddLine(im(arrow.from), im(arrow.to), colour, thickness);
  if (arrow.lost) {
    const float r = px(5);
    canvas.draw->AddLine({arrow.to.x - r, arrow.to.y - r}, {arrow.to.x + r, arrow.to.y + r}, colour,
                         2.5f);
    canvas.draw->AddLine({arrow.to.x - r, arrow.to.y + r}, {arrow.to.x + r, arrow.to.y - r}, colour,
                         2.5f);
    return;
  }
  const ArrowHead head = arrow_head(arrow, px(9) + thickness);
  canvas.draw->AddTriangleFilled(im(head.tip), im(head.left), im(head.right), colour);
}

// The label sits above the middle of its arrow, on a backing so it reads over other lines.
// Returns the label's bottom, so that the next label in a crowded stretch can keep clear.
float draw_label(const Canvas& canvas, const Arrow& arrow, const std::string& label, ImU32 colour,
                 float width_limit) {
  ImVec2 size = ImGui::CalcTextSize(label.c_str());
  std::string shown = label;
  while (size.x > width_limit && shown.size() > 4) {
    shown.resize(shown.size() - 4);
    shown += "...";
    size = ImGui::CalcTextSize(shown.c_str());
  }
  const float x = (arrow.from.x + arrow.to.x) / 2 - size.x / 2;
  const float y = (arrow.from.y + arrow.to.y) / 2 - size.y - 1;
  canvas.draw->AddRectFilled({x - 2, y}, {x + size.x + 2, y + size.y},
                             faded(canvas.palette.lane_background, 0.85f));
  canvas.draw->AddText({x, y}, colour, shown.c_str());
  return y + size.y;
}

void draw_lane_frames(const Canvas& canvas, std::size_t lane_index, std::vector<Arrow>& arrows) {
  const sim::Lane& lane = canvas.document.trace.lanes[lane_index];
  const LaneDiagram& diagram = canvas.document.diagram.lanes[lane_index];
  const LaneGeometry& geometry = canvas.lanes[lane_index];
  const Nanoseconds now = canvas.view.playback.time();
  arrows.clear();
  visible_arrows(lane, diagram, geometry, canvas.axis, canvas.y(Nanoseconds{0}), canvas.visible,
                 arrows);

  float last_label_bottom = -1e9f;
  const float label_width = geometry.width - 8;
  for (const Arrow& arrow : arrows) {
    const sim::WireFrame& frame = lane.frames[arrow.frame];
    const FrameRef ref{lane_index, arrow.frame};
    const bool sent = frame.sent_at <= now;
    const bool selected = canvas.view.selected == ref;
    const bool hovered = canvas.view.hovered == ref;
    ImU32 colour = canvas.palette.frame(diagram.colours[arrow.frame]);
    if (!sent && !selected) colour = faded(colour, kNotYetSentAlpha);
    draw_arrow(canvas, arrow, selected || hovered ? canvas.palette.selection : colour,
               px(selected  ? 3.0f
                  : hovered ? 2.5f
                            : 1.6f));
    const float label_top = (arrow.from.y + arrow.to.y) / 2 - ImGui::GetTextLineHeight();
    if ((sent || selected) && (label_top >= last_label_bottom || selected)) {
      last_label_bottom =
          draw_label(canvas, arrow, diagram.labels[arrow.frame], colour, label_width);
    }
    if (const auto dot = position_at(arrow, frame, diagram, now)) {
      canvas.draw->AddCircleFilled(im(*dot), px(5.5f),
                                   canvas.palette.frame(diagram.colours[arrow.frame]));
      canvas.draw->AddCircle(im(*dot), px(5.5f), canvas.palette.text);
    }
  }
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
void handle_mouse(Canvas& canvas, const std::vector<std::vector<Arrow>>& arrows) {
  canvas.view.hovered.reset();
  if (!ImGui::IsWindowHovered()) return;
  const ImGuiIO& io = ImGui::GetIO();
  const Point mouse{io.MousePos.x, io.MousePos.y};
  for (std::size_t lane = 0; lane < canvas.lanes.size(); ++lane) {
    const LaneGeometry& geometry = canvas.lanes[lane];
    if (mouse.x < geometry.left || mouse.x > geometry.left + geometry.width) continue;
    if (const auto frame = arrow_at(arrows[lane], mouse, px(6))) {
      canvas.view.hovered = FrameRef{lane, *frame};
      ImGui::SetTooltip("%s\n%s", canvas.document.diagram.lanes[lane].labels[*frame].c_str(),
                        "click to inspect");
    }
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
  const std::vector<LaneGeometry> header_lanes =
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
  Canvas canvas{
      .document = document,
      .axis = axis,
      .view = view,
      .palette = palette,
      .draw = ImGui::GetWindowDrawList(),
      .origin = origin,
      .lanes = lay_out_lanes(document.trace, origin.x + gutter_width(), lanes_width, px(10)),
      .visible = {},
      .top = ImGui::GetWindowPos().y,
      .bottom = ImGui::GetWindowPos().y + view_height};
  canvas.visible = {canvas.time_at(canvas.top), canvas.time_at(canvas.bottom)};
  const float right = origin.x + gutter_width() + lanes_width;

  std::vector<std::vector<Arrow>> arrows(canvas.lanes.size());
  for (std::size_t lane = 0; lane < canvas.lanes.size(); ++lane) {
    draw_lifelines(canvas, canvas.lanes[lane]);
    draw_connections(canvas, document.trace.lanes[lane], canvas.lanes[lane]);
    draw_holds(canvas, document.diagram.lanes[lane], canvas.lanes[lane]);
  }
  draw_breaks(canvas, right);
  for (std::size_t lane = 0; lane < canvas.lanes.size(); ++lane) {
    draw_lane_frames(canvas, lane, arrows[lane]);
  }
  draw_time_gutter(canvas);
  draw_playhead(canvas, right);
  ImGui::Dummy({size.x - ImGui::GetStyle().ScrollbarSize, top_padding() + axis.height() + 40});
  handle_mouse(canvas, arrows);
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace pushlab::viz
