#include "viz/draw/imgui_painter.hpp"

namespace pushlab::viz {

namespace {

ImVec2 im(Point point) {
  return {point.x, point.y};
}

}  // namespace

ImU32 ImGuiPainter::colour(Ink ink) const {
  ImU32 base = palette_.text;
  switch (ink.role) {
    case InkRole::background:
      base = palette_.background;
      break;
    case InkRole::lane:
      base = palette_.lane_background;
      break;
    case InkRole::text:
      base = palette_.text;
      break;
    case InkRole::faint_text:
      base = palette_.faint_text;
      break;
    case InkRole::lifeline:
      base = palette_.lifeline;
      break;
    case InkRole::connection:
      base = palette_.connection;
      break;
    case InkRole::selection:
      base = palette_.selection;
      break;
    case InkRole::frame:
      base = palette_.frame(ink.frame);
      break;
  }
  return ink.alpha < 1 ? faded(base, ink.alpha) : base;
}

Point ImGuiPainter::text_size(std::string_view text) const {
  const ImVec2 size = ImGui::CalcTextSize(text.data(), text.data() + text.size());
  return {size.x, size.y};
}

void ImGuiPainter::line(Point from, Point to, Ink ink, float width) {
  draw_->AddLine(im(from), im(to), colour(ink), width);
}

void ImGuiPainter::triangle(Point a, Point b, Point c, Ink ink) {
  draw_->AddTriangleFilled(im(a), im(b), im(c), colour(ink));
}

void ImGuiPainter::rect(Point top_left, Point bottom_right, Ink ink) {
  draw_->AddRectFilled(im(top_left), im(bottom_right), colour(ink));
}

void ImGuiPainter::circle(Point centre, float radius, Ink fill, Ink outline) {
  draw_->AddCircleFilled(im(centre), radius, colour(fill));
  draw_->AddCircle(im(centre), radius, colour(outline));
}

void ImGuiPainter::text(Point at, std::string_view text, Ink ink, Align align) {
  const float width = align == Align::left ? 0 : text_size(text).x;
  const float left = align == Align::centre ? at.x - width / 2 : at.x - width;
  draw_->AddText({left, at.y}, colour(ink), text.data(), text.data() + text.size());
}

}  // namespace pushlab::viz
