#include "sim/lesson/load.hpp"

#include <md4c.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "sim/json/input_error.hpp"
#include "sim/json/location.hpp"
#include "sim/json/object_reader.hpp"
#include "sim/json/parse.hpp"
#include "sim/json/read_value.hpp"
#include "sim/json/text_file.hpp"

namespace pushlab::sim {

namespace {

using json::Json;
using json::Location;

// What md4c found that a lesson is made of, with the lines they start on.
struct Heading {
  unsigned level = 0;
  std::string text{};
  std::size_t line = 0;
};

struct Fence {
  std::string info{};         // "pushlab", "quiz", "cpp", ...
  std::string content{};      // between the fences
  std::size_t line = 0;       // of the opening fence
  std::size_t last_line = 0;  // of the closing fence
};

struct Outline {
  std::vector<Heading> headings;
  std::vector<Fence> fences;
};

class OutlineReader {
 public:
  explicit OutlineReader(std::string_view markdown) : markdown_(markdown) {
    for (std::size_t i = 0; i < markdown.size(); ++i) {
      if (markdown[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  Outline read() && {
    MD_PARSER parser{};
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
    parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
      return static_cast<OutlineReader*>(self)->enter(type, detail);
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) {
      return static_cast<OutlineReader*>(self)->leave(type);
    };
    // A heading's code spans keep their backticks, so that its title reads as written.
    parser.enter_span = [](MD_SPANTYPE type, void*, void* self) {
      return static_cast<OutlineReader*>(self)->mark_code(type);
    };
    parser.leave_span = [](MD_SPANTYPE type, void*, void* self) {
      return static_cast<OutlineReader*>(self)->mark_code(type);
    };
    parser.text = [](MD_TEXTTYPE, const MD_CHAR* text, MD_SIZE size, void* self) {
      return static_cast<OutlineReader*>(self)->take(text, size);
    };
    md_parse(markdown_.data(), static_cast<MD_SIZE>(markdown_.size()), &parser, this);
    return std::move(outline_);
  }

 private:
  // md4c hands text as pointers into the document: their offset says the line.
  std::size_t line_of(const MD_CHAR* text) const {
    const auto offset = static_cast<std::size_t>(text - markdown_.data());
    return static_cast<std::size_t>(
        std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin());
  }

  int enter(MD_BLOCKTYPE type, void* detail) {
    if (type == MD_BLOCK_H) {
      heading_.emplace(Heading{.level = static_cast<MD_BLOCK_H_DETAIL*>(detail)->level});
    } else if (type == MD_BLOCK_CODE) {
      const auto* code = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
      if (code->fence_char != 0) {
        fence_.emplace(Fence{.info = std::string(code->lang.text, code->lang.size)});
      }
    }
    return 0;
  }

  int leave(MD_BLOCKTYPE type) {
    if (type == MD_BLOCK_H && heading_) {
      // An empty heading (or one of text md4c replaced) has no text in the document to place it.
      if (heading_->line == 0) heading_->line = last_line_ + 1;
      last_line_ = heading_->line;
      outline_.headings.push_back(std::move(*heading_));
      heading_.reset();
    } else if (type == MD_BLOCK_CODE && fence_) {
      Fence& fence = *fence_;
      if (fence.line == 0) fence.line = last_line_ + 1;  // empty: just after what came before
      fence.last_line =
          fence.line + 1 +
          static_cast<std::size_t>(std::count(fence.content.begin(), fence.content.end(), '\n'));
      last_line_ = fence.last_line;
      outline_.fences.push_back(std::move(fence));
      fence_.reset();
    }
    return 0;
  }

  int mark_code(MD_SPANTYPE type) {
    if (heading_ && type == MD_SPAN_CODE) heading_->text += '`';
    return 0;
  }

  int take(const MD_CHAR* text, MD_SIZE size) {
    const bool in_document = text >= markdown_.data() && text < markdown_.data() + markdown_.size();
    if (heading_) {
      if (heading_->line == 0 && in_document) last_line_ = heading_->line = line_of(text);
      heading_->text.append(text, size);
    } else if (fence_) {
      // The fence is above the first line of the block's own text, and above any blank lines
      // before it (md4c hands those as line ends of its own, outside the document).
      if (fence_->line == 0 && in_document) {
        const auto blank = static_cast<std::size_t>(
            std::count(fence_->content.begin(), fence_->content.end(), '\n'));
        fence_->line = line_of(text) - 1 - blank;
      }
      fence_->content.append(text, size);
    } else if (in_document) {
      last_line_ = line_of(text);
    }
    return 0;
  }

  std::string_view markdown_;
  std::vector<std::size_t> line_starts_{0};
  Outline outline_;
  std::optional<Heading> heading_;
  std::optional<Fence> fence_;
  std::size_t last_line_ = 0;
};

// Where a block's JSON is read from: the file and the block's line, for every error.
std::string block_source(std::string_view file, std::size_t line) {
  return std::string(file) + ": line " + std::to_string(line);
}

Json parse_block(const Fence& fence, std::string_view file) {
  try {
    return json::parse_text(fence.content, file);
  } catch (const json::InputError& error) {
    if (!error.position()) throw;
    // The parser counted from the block's first line, just under its fence.
    throw json::InputError(
        std::string(file),
        json::TextPosition{fence.line + error.position()->line, error.position()->column},
        error.reason());
  }
}

constexpr std::array<std::string_view, 5> kDirectiveFields = {"scenario", "at", "lanes", "select",
                                                              "set"};
constexpr std::array<std::string_view, 4> kQuizFields = {"question", "choices", "answer", "why"};

StepDirectives read_directives(const Json& value, const Location& where, std::size_t line) {
  if (!value.is_object()) json::fail_type(value, where, "an object of directives");
  const json::ObjectReader object(value, where, kDirectiveFields);
  StepDirectives directives{.line = line};
  if (const Json* scenario = object.find("scenario")) {
    directives.scenario = json::read_string(*scenario, object.location("scenario"));
  }
  if (const Json* at = object.find("at")) {
    directives.at = json::read_seconds(*at, object.location("at"), {.min = 0, .max = 1e6});
  }
  if (const Json* lanes = object.find("lanes")) {
    directives.lanes = json::read_list(
        *lanes, object.location("lanes"), [&](const Json& item, const Location& item_where) {
          return json::read_enum(item, item_where, kAllTransports, "a transport");
        });
  }
  if (const Json* select = object.find("select")) {
    directives.select = json::read_string(*select, object.location("select"));
  }
  if (const Json* set = object.find("set")) {
    if (!set->is_object()) json::fail_type(*set, object.location("set"), "an object of fields");
    for (const auto& [field, field_value] : set->items()) {
      directives.set.emplace_back(field, field_value);
    }
  }
  return directives;
}

QuizQuestion read_question(const Json& value, const Location& where, std::size_t line) {
  if (!value.is_object()) json::fail_type(value, where, "an object: a quiz question");
  const json::ObjectReader object(value, where, kQuizFields);
  QuizQuestion question{.line = line};
  question.question = json::read_string(object.require("question", "the question asked"),
                                        object.location("question"));
  question.choices =
      json::read_list(object.require("choices", "the answers to choose from"),
                      object.location("choices"), [](const Json& item, const Location& item_where) {
                        return json::read_string(item, item_where);
                      });
  if (question.choices.size() < 2) {
    object.location("choices").fail("a question needs at least 2 choices");
  }
  question.answer = static_cast<std::size_t>(
      json::read_integer(object.require("answer", "the right choice, counted from 0"),
                         object.location("answer"), 0, question.choices.size() - 1));
  question.why =
      json::read_string(object.require("why", "why that answer is right, shown once answered"),
                        object.location("why"));
  return question;
}

// The lines [first, last] of the text, each with its line break.
std::string lines(std::string_view markdown, std::size_t first, std::size_t last,
                  const std::vector<std::pair<std::size_t, std::size_t>>& left_out) {
  std::string out;
  std::size_t line = 1;
  std::size_t start = 0;
  while (start < markdown.size() && line <= last) {
    std::size_t end = markdown.find('\n', start);
    end = end == std::string_view::npos ? markdown.size() : end + 1;
    const bool skipped = std::any_of(left_out.begin(), left_out.end(), [&](const auto& range) {
      return line >= range.first && line <= range.second;
    });
    if (line >= first && !skipped) out += markdown.substr(start, end - start);
    start = end;
    ++line;
  }
  // Blank lines at either end are the headings' and blocks' spacing, not the text's.
  const auto not_blank = out.find_first_not_of(" \t\r\n");
  if (not_blank == std::string::npos) return {};
  const std::size_t begin = out.rfind('\n', not_blank);
  out.erase(0, begin == std::string::npos ? 0 : begin + 1);
  out.erase(out.find_last_not_of(" \t\r\n") + 1);
  // A block taken out leaves its blank lines either side: one is enough (as in Markdown itself).
  for (auto at = out.find("\n\n\n"); at != std::string::npos; at = out.find("\n\n\n", at)) {
    out.erase(at, 1);
  }
  return out + "\n";
}

// CRLF and a lone CR as LF. Markdown (and md4c) ends a line at any of the three, as editors do;
// with one kind only, every count of lines here agrees with md4c's and with the editor's.
std::string with_lf_line_ends(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else if (i + 1 == text.size() || text[i + 1] != '\n') {
      out += '\n';
    }
  }
  return out;
}

}  // namespace

Lesson parse_lesson(std::string_view original, std::string_view source_name) {
  const std::string normalized = with_lf_line_ends(original);
  const std::string_view markdown = normalized;
  const Outline outline = OutlineReader(markdown).read();
  const std::string file(source_name);
  Lesson lesson;
  std::size_t total_lines =
      static_cast<std::size_t>(std::count(markdown.begin(), markdown.end(), '\n')) + 1;

  std::size_t title_line = 0;
  std::vector<std::size_t> step_lines;
  for (const Heading& heading : outline.headings) {
    if (heading.level == 1 && title_line == 0 && step_lines.empty()) {
      lesson.title = heading.text;
      title_line = heading.line;
    } else if (heading.level == 2) {
      lesson.steps.push_back({.title = heading.text, .line = heading.line});
      step_lines.push_back(heading.line);
    }
  }
  if (lesson.title.empty()) {
    throw json::InputError(file, json::TextPosition{1, 1},
                           "a lesson begins with its title, a `#` heading");
  }
  if (lesson.steps.empty()) {
    throw json::InputError(file, json::TextPosition{title_line, 1},
                           "a lesson has steps: `##` headings, none found");
  }

  // Each block goes to the step it is under, and out of the step's text.
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> left_out(lesson.steps.size());
  for (const Fence& fence : outline.fences) {
    if (fence.info != "pushlab" && fence.info != "quiz") continue;
    const auto after = std::upper_bound(step_lines.begin(), step_lines.end(), fence.line);
    if (after == step_lines.begin()) {
      throw json::InputError(file, json::TextPosition{fence.line, 1},
                             "a `" + fence.info +
                                 "` block belongs to a step: put it under a "
                                 "`##` heading");
    }
    const auto index = static_cast<std::size_t>(after - step_lines.begin()) - 1;
    LessonStep& step = lesson.steps[index];
    const Json value = parse_block(fence, file);
    const std::string where_name = block_source(file, fence.line);
    const Location where(where_name);
    if (fence.info == "pushlab") {
      if (step.directives) {
        throw json::InputError(file, json::TextPosition{fence.line, 1},
                               "a step has one `pushlab` block; this one is its second (the first "
                               "is at line " +
                                   std::to_string(step.directives->line) + ")");
      }
      step.directives = read_directives(value, where, fence.line);
    } else {
      step.quiz.push_back(read_question(value, where, fence.line));
    }
    left_out[index].emplace_back(fence.line, fence.last_line);
  }
  lesson.introduction = lines(markdown, title_line + 1, step_lines.front() - 1, {});
  for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
    const std::size_t last = i + 1 < step_lines.size() ? step_lines[i + 1] - 1 : total_lines;
    lesson.steps[i].text = lines(markdown, step_lines[i] + 1, last, left_out[i]);
  }
  return lesson;
}

Lesson load_lesson_file(const std::filesystem::path& path) {
  return parse_lesson(json::read_text_file(path, kMaxLessonBytes), path.string());
}

}  // namespace pushlab::sim
