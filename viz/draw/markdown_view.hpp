#pragma once
// Markdown blocks drawn with Dear ImGui, in the width the window gives: headings in bold,
// paragraphs and list items wrapped with their emphasis and code kept, code blocks in a mono
// font on a tinted ground, tables as tables. Colours come from the current ImGui style, so the
// text reads in the dark theme and on presentation mode's white.

#include <vector>

#include "viz/draw/main_window.hpp"
#include "viz/model/markdown_blocks.hpp"

namespace pushlab::viz {

void draw_markdown(const std::vector<MarkdownBlock>& blocks, const TextStyles& fonts);

// One run of styled text, wrapped at the width left on the line; `extra_style` is added to
// every span (text_strong for a heading). Moves the cursor below it.
void draw_styled_text(const StyledText& text, const TextStyles& fonts,
                      std::uint8_t extra_style = text_plain);

}  // namespace pushlab::viz
