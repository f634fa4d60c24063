#pragma once
// The lines of an event block with where each lies in its bytes, for an inspector that labels a
// hex dump: which bytes are "data: ...", which are a comment, which is the blank line.

#include <cstddef>
#include <string>
#include <vector>

#include "sim/wire/bytes.hpp"

namespace pushlab::sim::wire::sse {

enum class LineKind { field, comment, blank };

struct StreamLine {
  LineKind kind = LineKind::blank;
  std::string name;        // a field's name; empty for comments and blank lines
  std::string value;       // a field's value, or a comment's text, one leading space dropped
  std::size_t offset = 0;  // index of the line's first byte in the block
  std::size_t length = 0;  // its bytes, line end included
  std::size_t line_end_length = 0;  // 2 for CRLF, 1 for CR or LF, 0 for a cut-off last line

  friend bool operator==(const StreamLine&, const StreamLine&) = default;
};

// Splits at CRLF, LF and CR and decodes names and values as the Parser does (invalid UTF-8
// becomes U+FFFD). The block is read on its own: a CR at its end is a whole line end even if the
// stream's next byte is LF, and a byte order mark is part of the first line, since only the
// caller knows whether the block starts the stream.
std::vector<StreamLine> split_lines(ByteView block);

}  // namespace pushlab::sim::wire::sse
