#include "viz/model/text_flow.hpp"

namespace pushlab::viz {

namespace {

// Places words one after another, starting a line when the next word would pass the width.
class LineSetter {
 public:
  LineSetter(float width, const MeasureText& measure) : width_(width), measure_(measure) {}

  void word(std::string_view word, std::uint8_t style) {
    const float word_width = measure_(word, style);
    // The space before the word goes where the word goes; at a line's start it is dropped.
    const float space = pending_space_ ? measure_(" ", pending_style_) : 0;
    if (x_ > 0 && x_ + space + word_width > width_) {
      new_line();
    } else if (x_ > 0 && pending_space_) {
      put(" ", pending_style_, space);
    }
    pending_space_ = false;
    put(word, style, word_width);
  }

  void space(std::uint8_t style) {
    if (x_ == 0) return;
    pending_space_ = true;
    pending_style_ = style;
  }

  void new_line() {
    ++line_;
    x_ = 0;
    pending_space_ = false;
  }

  std::vector<PlacedText> placed() && { return std::move(placed_); }

 private:
  // Joins a piece to the last one when both are of one style on one line: fewer draw calls.
  void put(std::string_view text, std::uint8_t style, float width) {
    if (!placed_.empty() && placed_.back().line == line_ && placed_.back().style == style) {
      placed_.back().text += text;
      placed_.back().width = x_ + width - placed_.back().x;
    } else {
      placed_.push_back({std::string(text), style, line_, x_, width});
    }
    x_ += width;
  }

  float width_;
  const MeasureText& measure_;
  std::vector<PlacedText> placed_;
  std::size_t line_ = 0;
  float x_ = 0;
  bool pending_space_ = false;
  std::uint8_t pending_style_ = text_plain;
};

}  // namespace

std::vector<PlacedText> flow_text(const StyledText& text, float width, const MeasureText& measure) {
  LineSetter setter(width, measure);
  for (const TextSpan& span : text) {
    std::string_view rest = span.text;
    while (!rest.empty()) {
      const std::size_t end = rest.find_first_of(" \n");
      if (end != 0) setter.word(rest.substr(0, end), span.style);
      if (end == std::string_view::npos) break;
      if (rest[end] == '\n') {
        setter.new_line();
      } else {
        setter.space(span.style);
      }
      rest.remove_prefix(end + 1);
    }
  }
  return std::move(setter).placed();
}

std::size_t line_count(const std::vector<PlacedText>& placed) {
  return placed.empty() ? 0 : placed.back().line + 1;
}

}  // namespace pushlab::viz
