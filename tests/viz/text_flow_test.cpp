#include "viz/model/text_flow.hpp"

#include <doctest/doctest.h>

namespace pushlab::viz {

namespace {

// One unit a character, two in bold: enough to see where lines break.
float measure(std::string_view text, std::uint8_t style) {
  return static_cast<float>(text.size()) * ((style & text_strong) ? 2.0f : 1.0f);
}

}  // namespace

TEST_CASE("text flow: words fill a line and the next starts a new one") {
  const auto placed = flow_text({{"one two three four", text_plain}}, 9, measure);
  // "one two" is 7 wide; " three" would pass 9.
  REQUIRE(placed.size() == 3);
  CHECK(placed[0] == PlacedText{"one two", text_plain, 0, 0, 7});
  CHECK(placed[1] == PlacedText{"three", text_plain, 1, 0, 5});
  CHECK(placed[2] == PlacedText{"four", text_plain, 2, 0, 4});
  CHECK(line_count(placed) == 3);
}

TEST_CASE("text flow: styles keep their widths and their own pieces") {
  const auto placed =
      flow_text({{"a ", text_plain}, {"bold", text_strong}, {" c", text_plain}}, 100, measure);
  REQUIRE(placed.size() == 3);
  CHECK(placed[0] == PlacedText{"a ", text_plain, 0, 0, 2});
  CHECK(placed[1] == PlacedText{"bold", text_strong, 0, 2, 8});
  CHECK(placed[2] == PlacedText{" c", text_plain, 0, 10, 2});
}

TEST_CASE("text flow: a word longer than the line overflows a line of its own") {
  const auto placed = flow_text({{"ab Sec-WebSocket-Accept cd", text_plain}}, 6, measure);
  REQUIRE(placed.size() == 3);
  CHECK(placed[1] == PlacedText{"Sec-WebSocket-Accept", text_plain, 1, 0, 20});
  CHECK(placed[2].line == 2);
}

TEST_CASE("text flow: line breaks in the text, and no space at a line's start") {
  const auto placed = flow_text({{"ab\n  cd ", text_plain}}, 50, measure);
  REQUIRE(placed.size() == 2);
  CHECK(placed[0] == PlacedText{"ab", text_plain, 0, 0, 2});
  CHECK(placed[1] == PlacedText{"cd", text_plain, 1, 0, 2});
  CHECK(flow_text({}, 10, measure).empty());
  CHECK(line_count({}) == 0);
}

}  // namespace pushlab::viz
