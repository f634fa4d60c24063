#include "viz/model/markdown_blocks.hpp"

#include <md4c.h>

#include <charconv>
#include <optional>

namespace pushlab::viz {

namespace {

// The character a numeric or common named entity stands for, as UTF-8; the entity as written
// if it is not one of those.
std::string decode_entity(std::string_view entity) {
  if (entity == "&amp;") return "&";
  if (entity == "&lt;") return "<";
  if (entity == "&gt;") return ">";
  if (entity == "&quot;") return "\"";
  if (entity == "&nbsp;") return "\u00a0";
  if (entity.size() < 4 || entity[1] != '#') return std::string(entity);
  const bool hex = entity[2] == 'x' || entity[2] == 'X';
  const std::string_view digits = entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3));
  unsigned code = 0;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
  if (error != std::errc{} || end != digits.data() + digits.size() || code == 0 ||
      code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    return "\ufffd";  // as CommonMark asks for an invalid code point
  }
  std::string out;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xc0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3f));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xe0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code & 0x3f));
  }
  return out;
}

std::uint8_t style_of(MD_SPANTYPE type) {
  switch (type) {
    case MD_SPAN_STRONG:
      return text_strong;
    case MD_SPAN_EM:
      return text_emphasis;
    case MD_SPAN_CODE:
      return text_code;
    case MD_SPAN_A:
      return text_link;
    case MD_SPAN_DEL:
      return text_struck;
    default:
      return text_plain;
  }
}

class BlockBuilder {
 public:
  std::vector<MarkdownBlock> read(std::string_view markdown) && {
    MD_PARSER parser{};
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
    parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
      static_cast<BlockBuilder*>(self)->enter_block(type, detail);
      return 0;
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) {
      static_cast<BlockBuilder*>(self)->leave_block(type);
      return 0;
    };
    parser.enter_span = [](MD_SPANTYPE type, void*, void* self) {
      static_cast<BlockBuilder*>(self)->spans_.push_back(style_of(type));
      return 0;
    };
    parser.leave_span = [](MD_SPANTYPE, void*, void* self) {
      static_cast<BlockBuilder*>(self)->spans_.pop_back();
      return 0;
    };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
      static_cast<BlockBuilder*>(self)->take(type, std::string_view(text, size));
      return 0;
    };
    md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, this);
    return std::move(blocks_);
  }

 private:
  struct List {
    bool numbered = false;
    unsigned next = 1;
  };

  void enter_block(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_H:
        start({.kind = BlockKind::heading,
               .heading_level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level)});
        break;
      case MD_BLOCK_P:
        // A list item's first paragraph is the item's own text.
        if (!open_ || open_->kind != BlockKind::list_item || !open_->text.empty())
          start({.kind = BlockKind::paragraph});
        break;
      case MD_BLOCK_UL:
        lists_.push_back({});
        break;
      case MD_BLOCK_OL:
        lists_.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start});
        break;
      case MD_BLOCK_LI:
        start({.kind = BlockKind::list_item, .marker = next_marker()});
        break;
      case MD_BLOCK_QUOTE:
        ++quotes_;
        break;
      case MD_BLOCK_CODE:
        start({.kind = BlockKind::code});
        break;
      case MD_BLOCK_HR:
        start({.kind = BlockKind::rule});
        finish();
        break;
      case MD_BLOCK_TABLE:
        start({.kind = BlockKind::table});
        break;
      case MD_BLOCK_TR:
        if (open_) open_->rows.emplace_back();
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        if (open_ && !open_->rows.empty()) open_->rows.back().emplace_back();
        break;
      default:
        break;
    }
  }

  void leave_block(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        if (!lists_.empty()) lists_.pop_back();
        break;
      case MD_BLOCK_QUOTE:
        --quotes_;
        break;
      case MD_BLOCK_H:
      case MD_BLOCK_P:
      case MD_BLOCK_LI:
      case MD_BLOCK_CODE:
      case MD_BLOCK_TABLE:
        finish();
        break;
      default:
        break;
    }
  }

  void take(MD_TEXTTYPE type, std::string_view text) {
    switch (type) {
      case MD_TEXT_SOFTBR:
        append(" ");
        break;
      case MD_TEXT_BR:
        append("\n");
        break;
      case MD_TEXT_ENTITY:
        append(decode_entity(text));
        break;
      case MD_TEXT_NULLCHAR:
        append("\ufffd");
        break;
      default:  // normal text, code, raw HTML shown as written
        append(text);
        break;
    }
  }

  std::string next_marker() {
    if (lists_.empty()) return "-";
    List& list = lists_.back();
    return list.numbered ? std::to_string(list.next++) + "." : "-";
  }

  void start(MarkdownBlock block) {
    finish();
    block.indent = static_cast<int>(lists_.size()) + quotes_;
    block.quoted = quotes_ > 0;
    open_ = std::move(block);
  }

  void finish() {
    if (!open_) return;
    // A code block's last line ends in a line break that draws nothing.
    if (open_->kind == BlockKind::code && !open_->text.empty() &&
        open_->text.back().text.ends_with('\n'))
      open_->text.back().text.pop_back();
    blocks_.push_back(std::move(*open_));
    open_.reset();
  }

  StyledText* target() {
    if (!open_) start({.kind = BlockKind::paragraph});  // text outside any block: loose text
    if (open_->kind != BlockKind::table) return &open_->text;
    if (open_->rows.empty() || open_->rows.back().empty()) return nullptr;
    return &open_->rows.back().back();
  }

  void append(std::string_view text) {
    StyledText* spans = target();
    if (!spans || text.empty()) return;
    std::uint8_t style = open_->kind == BlockKind::code ? text_code : text_plain;
    for (const std::uint8_t s : spans_) style |= s;
    if (!spans->empty() && spans->back().style == style) {
      spans->back().text += text;
    } else {
      spans->push_back({std::string(text), style});
    }
  }

  std::vector<MarkdownBlock> blocks_;
  std::optional<MarkdownBlock> open_;
  std::vector<List> lists_;
  std::vector<std::uint8_t> spans_;
  int quotes_ = 0;
};

}  // namespace

std::vector<MarkdownBlock> parse_markdown(std::string_view markdown) {
  return BlockBuilder{}.read(markdown);
}

std::string plain_text(const StyledText& text) {
  std::string out;
  for (const TextSpan& span : text) out += span.text;
  return out;
}

StyledText parse_inline(std::string_view markdown) {
  std::vector<MarkdownBlock> blocks = parse_markdown(markdown);
  if (blocks.empty()) return {};
  return std::move(blocks.front().text);
}

std::string plain_text(const std::vector<MarkdownBlock>& blocks) {
  std::string out;
  for (const MarkdownBlock& block : blocks) {
    if (!block.marker.empty()) out += block.marker + " ";
    out += plain_text(block.text);
    for (const auto& row : block.rows) {
      for (std::size_t i = 0; i < row.size(); ++i) out += (i ? " | " : "") + plain_text(row[i]);
      out += "\n";
    }
    if (block.rows.empty()) out += "\n";
  }
  return out;
}

}  // namespace pushlab::viz
