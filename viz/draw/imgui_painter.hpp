#pragma once
// The lane scene painted into an ImGui draw list, in the palette's colours and ImGui's font.

#include <imgui.h>

#include "viz/draw/palette.hpp"
#include "viz/model/painter.hpp"

namespace pushlab::viz {

class ImGuiPainter final : public Painter {
 public:
  ImGuiPainter(ImDrawList* draw, const Palette& palette) : draw_(draw), palette_(palette) {}

  Point text_size(std::string_view text) const override;
  void line(Point from, Point to, Ink ink, float width) override;
  void triangle(Point a, Point b, Point c, Ink ink) override;
  void rect(Point top_left, Point bottom_right, Ink ink) override;
  void circle(Point centre, float radius, Ink fill, Ink outline) override;
  void text(Point at, std::string_view text, Ink ink, Align align) override;

 private:
  ImU32 colour(Ink ink) const;

  ImDrawList* draw_;
  const Palette& palette_;
};

}  // namespace pushlab::viz
