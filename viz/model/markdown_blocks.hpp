#pragma once
// A lesson's Markdown as the lesson panel draws it: blocks (headings, paragraphs, list items,
// code blocks, tables, rules), each a run of styled text. Read with md4c, CommonMark and its
// table extension, as sim/lesson reads the lesson itself. Raw HTML is shown as the text it is.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pushlab::viz {

// How a stretch of text is set; a stretch may be several at once (**`code`**).
enum TextStyle : std::uint8_t {
  text_plain = 0,
  text_strong = 1 << 0,
  text_emphasis = 1 << 1,
  text_code = 1 << 2,
  text_link = 1 << 3,
  text_struck = 1 << 4,
};

struct TextSpan {
  std::string text;
  std::uint8_t style = text_plain;
  bool operator==(const TextSpan&) const = default;
};

using StyledText = std::vector<TextSpan>;

enum class BlockKind { heading, paragraph, list_item, code, table, rule };

// Every member has a default, so that a designated initializer may leave any of them out.
struct MarkdownBlock {
  BlockKind kind = BlockKind::paragraph;
  int heading_level = 0;  // 1 to 6, for a heading
  int indent = 0;         // how deep in lists and quotes the block sits
  bool quoted = false;    // inside a > quote
  std::string marker{};   // a list item's: "-" for a bullet, "3." when numbered
  StyledText text{};      // all but tables; a code block keeps its line breaks
  std::vector<std::vector<StyledText>> rows{};  // a table's, the header row first
};

std::vector<MarkdownBlock> parse_markdown(std::string_view markdown);

// A line of inline Markdown (a heading's text, a quiz choice) as one run of styled text.
StyledText parse_inline(std::string_view markdown);

// The text alone, each block on a line of its own: what a reader would copy.
std::string plain_text(const std::vector<MarkdownBlock>& blocks);
std::string plain_text(const StyledText& text);

}  // namespace pushlab::viz
