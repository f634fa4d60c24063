#pragma once
// Styled text set into lines of a given width, as a paragraph is: words kept whole, broken at
// spaces and at the line breaks the text holds. Dear ImGui wraps text of one style only; a
// lesson's paragraph mixes plain text, emphasis and code, so the panel lays it out with this.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "viz/model/markdown_blocks.hpp"

namespace pushlab::viz {

// A piece of one span set on one line, `x` from the line's start.
struct PlacedText {
  std::string text;
  std::uint8_t style = text_plain;
  std::size_t line = 0;
  float x = 0;
  float width = 0;
  bool operator==(const PlacedText&) const = default;
};

// The width the text takes in its style.
using MeasureText = std::function<float(std::string_view text, std::uint8_t style)>;

// A word wider than the line gets a line of its own and overflows it. Spaces at a line's end
// are dropped; so are pieces left empty.
std::vector<PlacedText> flow_text(const StyledText& text, float width, const MeasureText& measure);

// How many lines the placed text takes (0 for none).
std::size_t line_count(const std::vector<PlacedText>& placed);

}  // namespace pushlab::viz
