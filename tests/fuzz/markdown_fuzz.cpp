// Feeds arbitrary bytes to the lesson panel's Markdown reader and lays every block out as the
// panel does: nothing may crash, and the layout must hold together (pieces in reading order,
// none empty, none past the line's end unless a word alone is wider than the line).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "viz/model/markdown_blocks.hpp"
#include "viz/model/text_flow.hpp"

using namespace pushlab::viz;

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

float measure(std::string_view text, std::uint8_t style) {
  return static_cast<float>(text.size()) * ((style & text_strong) ? 1.5f : 1.0f);
}

void check_layout(const StyledText& text) {
  constexpr float kWidth = 24;
  const std::vector<PlacedText> placed = flow_text(text, kWidth, measure);
  for (std::size_t i = 0; i < placed.size(); ++i) {
    check(!placed[i].text.empty());
    check(placed[i].x == 0 || placed[i].x + placed[i].width <= kWidth + 1e-3f);
    if (i > 0) {
      const PlacedText& before = placed[i - 1];
      check(placed[i].line > before.line ||
            (placed[i].line == before.line && placed[i].x >= before.x + before.width - 1e-3f));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const MarkdownBlock& block : parse_markdown(text)) {
    check_layout(block.text);
    for (const auto& row : block.rows) {
      for (const StyledText& cell : row) check_layout(cell);
    }
  }
  plain_text(parse_markdown(text));
  return 0;
}
