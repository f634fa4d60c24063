#include "sim/wire/sse/stream_lines.hpp"

#include <string_view>
#include <utility>

#include "sim/wire/sse/detail/utf8_decoder.hpp"
#include "sim/wire/sse/field.hpp"

namespace pushlab::sim::wire::sse {

namespace {

bool is_line_end(std::uint8_t byte) {
  return byte == '\r' || byte == '\n';
}

std::size_t line_end_length(ByteView block, std::size_t at) {
  if (at == block.size()) return 0;
  const bool crlf = block[at] == '\r' && at + 1 < block.size() && block[at + 1] == '\n';
  return crlf ? 2 : 1;
}

// CR and LF bytes always decode as themselves, so decoding a line on its own gives the text the
// Parser sees when it decodes the whole stream.
void describe(StreamLine& line, const std::string& text) {
  if (text.empty()) {
    line.kind = LineKind::blank;
  } else if (text.front() == ':') {
    line.kind = LineKind::comment;
    line.value = split_field(text).value;
  } else {
    line.kind = LineKind::field;
    const Field field = split_field(text);
    line.name = field.name;
    line.value = field.value;
  }
}

}  // namespace

std::vector<StreamLine> split_lines(ByteView block) {
  std::vector<StreamLine> lines;
  std::size_t start = 0;
  while (start < block.size()) {
    std::size_t end = start;
    while (end < block.size() && !is_line_end(block[end])) ++end;
    StreamLine line;
    line.offset = start;
    line.line_end_length = line_end_length(block, end);
    line.length = end - start + line.line_end_length;
    describe(line, detail::decode_utf8(block.subspan(start, end - start)));
    lines.push_back(std::move(line));
    start += lines.back().length;
  }
  return lines;
}

}  // namespace pushlab::sim::wire::sse
