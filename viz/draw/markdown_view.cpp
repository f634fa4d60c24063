#include "viz/draw/markdown_view.hpp"

#include <cfloat>
#include <string_view>
#include <vector>

#include "viz/model/text_flow.hpp"

namespace pushlab::viz {

namespace {

ImFont* font_for(std::uint8_t style, const TextStyles& fonts) {
  ImFont* font = nullptr;
  if (style & text_code) {
    font = fonts.mono;
  } else if (style & text_strong) {
    font = fonts.bold;
  } else if (style & text_emphasis) {
    font = fonts.italic;
  }
  return font ? font : ImGui::GetFont();
}

// Fonts of the panel are all one size: the current font's.
float text_width(std::string_view text, std::uint8_t style, const TextStyles& fonts) {
  const float size = ImGui::GetFontSize();
  return font_for(style, fonts)
      ->CalcTextSizeA(size, FLT_MAX, 0, text.data(), text.data() + text.size())
      .x;
}

ImU32 colour(ImGuiCol which) {
  return ImGui::GetColorU32(which);
}

// The placed pieces drawn from `origin`, a line apart; code on a tinted ground, links
// underlined, struck text crossed out.
void draw_placed(const std::vector<PlacedText>& placed, ImVec2 origin, const TextStyles& fonts) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float size = ImGui::GetFontSize();
  const float line_height = ImGui::GetTextLineHeightWithSpacing();
  const float pad = size * 0.12f;
  for (const PlacedText& piece : placed) {
    const ImVec2 at{origin.x + piece.x, origin.y + static_cast<float>(piece.line) * line_height};
    const ImVec2 end{at.x + piece.width, at.y + size};
    if (piece.style & text_code) {
      draw->AddRectFilled({at.x - pad, at.y - pad * 0.5f}, {end.x + pad, end.y + pad * 0.5f},
                          colour(ImGuiCol_FrameBg), pad * 1.5f);
    }
    const ImU32 ink = colour((piece.style & text_link) ? ImGuiCol_CheckMark : ImGuiCol_Text);
    draw->AddText(font_for(piece.style, fonts), size, at, ink, piece.text.c_str());
    if (piece.style & text_link) draw->AddLine({at.x, end.y}, end, ink);
    if (piece.style & text_struck) {
      const float middle = at.y + size * 0.55f;
      draw->AddLine({at.x, middle}, {end.x, middle}, ink);
    }
  }
}

void draw_code_block(const StyledText& text, const TextStyles& fonts) {
  std::string code;
  for (const TextSpan& span : text) code += span.text;
  ImFont* mono = fonts.mono ? fonts.mono : ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const float pad = size * 0.5f;
  const ImVec2 text_size = mono->CalcTextSizeA(size, FLT_MAX, 0, code.c_str());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 end{origin.x + width, origin.y + text_size.y + 2 * pad};
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, end, colour(ImGuiCol_FrameBg), size * 0.25f);
  // A line longer than the panel is cut at its edge, not wrapped: code keeps its shape.
  draw->PushClipRect(origin, end, true);
  draw->AddText(mono, size, {origin.x + pad, origin.y + pad}, colour(ImGuiCol_Text), code.c_str());
  draw->PopClipRect();
  ImGui::Dummy({width, end.y - origin.y});
}

// The widest word of a cell: the narrowest the cell can be without cutting a word.
float widest_word(const StyledText& text, std::uint8_t extra_style, const TextStyles& fonts) {
  float widest = 0;
  for (const PlacedText& piece : flow_text(text, 0, [&](std::string_view word, std::uint8_t style) {
         return text_width(word, style | extra_style, fonts);
       })) {
    widest = std::max(widest, piece.width);
  }
  return widest;
}

void draw_table(const MarkdownBlock& block, const TextStyles& fonts) {
  std::size_t columns = 0;
  for (const auto& row : block.rows) columns = std::max(columns, row.size());
  if (columns == 0) return;
  // Each column's share of the width follows its widest word, so that words are cut as little
  // as the panel allows.
  std::vector<float> weights(columns, 1);
  for (std::size_t r = 0; r < block.rows.size(); ++r) {
    for (std::size_t c = 0; c < block.rows[r].size(); ++c) {
      const std::uint8_t style = r == 0 ? text_strong : text_plain;
      weights[c] = std::max(weights[c], widest_word(block.rows[r][c], style, fonts));
    }
  }
  const ImGuiTableFlags flags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("table", static_cast<int>(columns), flags)) return;
  for (const float weight : weights) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, weight);
  }
  for (std::size_t r = 0; r < block.rows.size(); ++r) {
    ImGui::TableNextRow(r == 0 ? ImGuiTableRowFlags_Headers : ImGuiTableRowFlags_None);
    for (std::size_t c = 0; c < block.rows[r].size(); ++c) {
      ImGui::TableSetColumnIndex(static_cast<int>(c));
      draw_styled_text(block.rows[r][c], fonts, r == 0 ? text_strong : text_plain);
    }
  }
  ImGui::EndTable();
}

void draw_list_marker(const MarkdownBlock& block, const TextStyles& fonts, float marker_width) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float size = ImGui::GetFontSize();
  if (block.marker == "-") {
    ImGui::GetWindowDrawList()->AddCircleFilled({at.x + marker_width * 0.4f, at.y + size * 0.55f},
                                                size * 0.16f, colour(ImGuiCol_Text));
  } else {
    const float width = text_width(block.marker, text_plain, fonts);
    ImGui::GetWindowDrawList()->AddText({at.x + marker_width * 0.8f - width, at.y},
                                        colour(ImGuiCol_Text), block.marker.c_str());
  }
}

void draw_block(const MarkdownBlock& block, const TextStyles& fonts) {
  const float size = ImGui::GetFontSize();
  const float indent = size * 1.4f * static_cast<float>(block.indent);
  if (indent > 0) ImGui::Indent(indent);
  if (block.quoted) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine({at.x - size * 0.7f, at.y},
                                        {at.x - size * 0.7f, at.y + size * 1.2f},
                                        colour(ImGuiCol_Separator), size * 0.15f);
  }
  switch (block.kind) {
    case BlockKind::heading:
      ImGui::Dummy({0, size * 0.3f});
      draw_styled_text(block.text, fonts, text_strong);
      break;
    case BlockKind::paragraph:
      draw_styled_text(block.text, fonts);
      break;
    case BlockKind::list_item: {
      const float marker_width = size * 1.4f;
      draw_list_marker(block, fonts, marker_width);
      ImGui::Indent(marker_width);
      draw_styled_text(block.text, fonts);
      ImGui::Unindent(marker_width);
      break;
    }
    case BlockKind::code:
      draw_code_block(block.text, fonts);
      break;
    case BlockKind::table:
      draw_table(block, fonts);
      break;
    case BlockKind::rule:
      ImGui::Separator();
      break;
  }
  if (indent > 0) ImGui::Unindent(indent);
}

}  // namespace

void draw_styled_text(const StyledText& text, const TextStyles& fonts, std::uint8_t extra_style) {
  StyledText styled = text;
  for (TextSpan& span : styled) span.style |= extra_style;
  const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4);
  const std::vector<PlacedText> placed = flow_text(
      styled, width,
      [&](std::string_view piece, std::uint8_t style) { return text_width(piece, style, fonts); });
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  draw_placed(placed, origin, fonts);
  const std::size_t lines = std::max<std::size_t>(line_count(placed), 1);
  ImGui::Dummy({width, static_cast<float>(lines) * ImGui::GetTextLineHeightWithSpacing() -
                           ImGui::GetStyle().ItemSpacing.y});
}

void draw_markdown(const std::vector<MarkdownBlock>& blocks, const TextStyles& fonts) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    draw_block(blocks[i], fonts);
    // Paragraphs stand apart; the items of a list sit closer.
    const bool next_item = i + 1 < blocks.size() && blocks[i].kind == BlockKind::list_item &&
                           blocks[i + 1].kind == BlockKind::list_item;
    if (!next_item) ImGui::Dummy({0, ImGui::GetFontSize() * 0.35f});
    ImGui::PopID();
  }
}

}  // namespace pushlab::viz
