#pragma once
// What the lane diagrams are painted with: lines, triangles, rectangles, circles and text, in
// inks named for what they mark. The window paints with ImGui (viz/draw/imgui_painter), the
// slides' export with SVG (trace_svg); each maps the inks onto its own colours.

#include <string_view>

#include "viz/model/frame_label.hpp"
#include "viz/model/point.hpp"

namespace pushlab::viz {

enum class InkRole {
  background,  // behind the lanes
  lane,        // a lane's own background
  text,
  faint_text,
  lifeline,
  connection,
  selection,
  frame,  // a frame's layer colour, Ink::frame
};

struct Ink {
  InkRole role = InkRole::text;
  FrameColour frame = FrameColour::http;  // for InkRole::frame
  float alpha = 1;                        // 0..1: frames not yet sent are faint

  static Ink of(InkRole role, float alpha = 1) { return {role, FrameColour::http, alpha}; }
  static Ink of(FrameColour frame, float alpha = 1) { return {InkRole::frame, frame, alpha}; }
};

enum class Align { left, centre, right };

class Painter {
 public:
  virtual ~Painter() = default;

  // How large `text` is in the painter's font: its width, and the height of a line.
  virtual Point text_size(std::string_view text) const = 0;

  virtual void line(Point from, Point to, Ink ink, float width) = 0;
  virtual void triangle(Point a, Point b, Point c, Ink ink) = 0;
  virtual void rect(Point top_left, Point bottom_right, Ink ink) = 0;
  virtual void circle(Point centre, float radius, Ink fill, Ink outline) = 0;
  // `at` is the top of the text, at its left edge, middle or right edge as `align` says.
  virtual void text(Point at, std::string_view text, Ink ink, Align align = Align::left) = 0;
};

}  // namespace pushlab::viz
