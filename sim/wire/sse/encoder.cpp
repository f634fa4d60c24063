#include "sim/wire/sse/encoder.hpp"

#include <stdexcept>
#include <vector>

#include "sim/wire/utf8_checker.hpp"

namespace pushlab::sim::wire::sse {

namespace {

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

void require_utf8(std::string_view text, const std::string& what) {
  if (!is_valid_utf8(to_bytes(text))) throw std::invalid_argument(what + " is not valid UTF-8");
}

void require_single_line(std::string_view text, const std::string& what) {
  if (has_line_break(text)) {
    throw std::invalid_argument(what +
                                " contains a line break (CR or LF), which would end its "
                                "line early");
  }
  require_utf8(text, what);
}

void validate(const Event& event) {
  for (std::size_t i = 0; i < event.comments.size(); ++i) {
    require_single_line(event.comments[i], "SSE comment " + std::to_string(i));
  }
  require_single_line(event.type, "SSE event type");
  if (event.id) {
    require_single_line(*event.id, "SSE id");
    if (event.id->find('\0') != std::string::npos) {
      throw std::invalid_argument("SSE id contains NUL, which makes browsers ignore the field");
    }
  }
  require_utf8(event.data, "SSE data");
}

// "name: value" or, for an empty value, "name:".
void write_line(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ':';
  if (!value.empty()) {
    out += ' ';
    out += value;
  }
  out += '\n';
}

// The lines of `text` as a parser would see them: CRLF, LF and CR each end one.
std::vector<std::string_view> split_at_line_ends(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (auto end = text.find_first_of("\r\n"); end != std::string_view::npos;
       end = text.find_first_of("\r\n", start)) {
    lines.push_back(text.substr(start, end - start));
    const bool crlf = text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n';
    start = end + (crlf ? 2 : 1);
  }
  lines.push_back(text.substr(start));
  return lines;
}

}  // namespace

std::string encode(const Event& event) {
  validate(event);
  std::string out;
  for (const auto& comment : event.comments) write_line(out, "", comment);
  if (!event.type.empty()) write_line(out, "event", event.type);
  if (event.id) write_line(out, "id", *event.id);
  if (event.retry_ms) write_line(out, "retry", std::to_string(*event.retry_ms));
  for (const auto line : split_at_line_ends(event.data)) write_line(out, "data", line);
  out += '\n';
  return out;
}

std::string encode_comment(std::string_view text) {
  require_single_line(text, "SSE comment");
  std::string out;
  write_line(out, "", text);
  return out;
}

std::string encode_retry(std::uint64_t milliseconds) {
  std::string out;
  write_line(out, "retry", std::to_string(milliseconds));
  return out;
}

}  // namespace pushlab::sim::wire::sse
