#include "sim/wire/sse/stream_lines.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::sse;

namespace {

std::vector<StreamLine> lines_of(std::string_view block) {
  return split_lines(to_bytes(block));
}

}  // namespace

TEST_CASE("each line's kind, text, offset and length with its line end") {
  // Offsets by hand: ": hi\r\n" is 0..5, "event: add\n" 6..16, "data: x\r" 17..24, "id\n"
  // 25..27, "\n" 28.
  const auto lines = lines_of(": hi\r\nevent: add\ndata: x\rid\n\n");
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == StreamLine{LineKind::comment, "", "hi", 0, 6, 2});
  CHECK(lines[1] == StreamLine{LineKind::field, "event", "add", 6, 11, 1});
  CHECK(lines[2] == StreamLine{LineKind::field, "data", "x", 17, 8, 1});
  CHECK(lines[3] == StreamLine{LineKind::field, "id", "", 25, 3, 1});
  CHECK(lines[4] == StreamLine{LineKind::blank, "", "", 28, 1, 1});
}

TEST_CASE("the lines cover the block exactly, one after another") {
  const std::string block = ": c\r\n\r\ndata:a\r\r\ndata:  b\n\r\n";
  const auto lines = lines_of(block);
  std::size_t next = 0;
  for (const auto& line : lines) {
    CHECK(line.offset == next);
    next += line.length;
  }
  CHECK(next == block.size());
  REQUIRE(lines.size() == 6);
  CHECK(lines[1].kind == LineKind::blank);
  CHECK(lines[1].line_end_length == 2);
  CHECK(lines[3].kind == LineKind::blank);  // the CR after "data:a\r" is a line of its own
  CHECK(lines[3].line_end_length == 2);
  CHECK(lines[4].value == " b");
}

TEST_CASE("a last line without its line end is reported cut off") {
  const auto lines = lines_of("data: a\ndata: b");
  REQUIRE(lines.size() == 2);
  CHECK(lines[1] == StreamLine{LineKind::field, "data", "b", 8, 7, 0});
}

TEST_CASE("a CR at the end of the block is a whole line end") {
  const auto lines = lines_of("data: a\r");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].line_end_length == 1);
  CHECK(lines[0].length == 8);
}

TEST_CASE("names and values are decoded as the parser decodes them") {
  const auto lines = lines_of(
      "data: \xff\n\xef\xbb\xbf"
      "data: x\n");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].value == "\xef\xbf\xbd");
  CHECK(lines[0].length == 8);  // one byte on the wire, three once decoded
  CHECK(lines[1].name ==
        "\xef\xbb\xbf"
        "data");  // a BOM inside a block is text
}

TEST_CASE("an empty block has no lines") {
  CHECK(split_lines(Bytes{}).empty());
}
