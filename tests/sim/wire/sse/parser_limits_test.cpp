// Limits stop a hostile stream at the first byte past them, whatever the feeds.

#include <doctest/doctest.h>

#include <string>

#include "sim/wire/sse/parser.hpp"
#include "tests/sim/wire/sse/sse_test_support.hpp"

using namespace pushlab::sim::wire::sse;
using namespace sse_test;

namespace {

// The error of a parser fed `stream` in one piece and then one byte at a time.
std::optional<pushlab::sim::wire::DecodeError> error_of(const std::string& stream,
                                                        ParserLimits limits) {
  Parser whole(limits);
  feed(whole, stream);
  Parser bytewise(limits);
  for (const char c : stream) feed(bytewise, std::string(1, c));
  REQUIRE(whole.error().has_value() == bytewise.error().has_value());
  if (whole.error()) {
    CHECK(whole.error()->offset == bytewise.error()->offset);
    CHECK(whole.error()->reason == bytewise.error()->reason);
  }
  return whole.error();
}

std::optional<std::uint64_t> offset_of(const std::string& stream, ParserLimits limits) {
  const auto error = error_of(stream, limits);
  if (!error) return std::nullopt;
  return error->offset;
}

}  // namespace

TEST_CASE("a line may be exactly max_line_bytes long, line end not counted") {
  CHECK_FALSE(error_of("data: ab\r\n\r\n", {.max_line_bytes = 8}).has_value());
}

TEST_CASE("a longer line fails at its first byte past the limit") {
  // "data: abc" is 9 bytes; the 9th, 'c', is at offset 8.
  const auto error = error_of("data: abc\n\n", {.max_line_bytes = 8});
  REQUIRE(error.has_value());
  CHECK(error->offset == 8);
  CHECK(error->reason == "line longer than 8 bytes");

  // After "id: 1\n" (6 bytes) the same line starts at offset 6.
  CHECK(offset_of("id: 1\ndata: abc\n\n", {.max_line_bytes = 8}) == 14);
  // The byte order mark at the start is not part of the first line.
  CHECK(offset_of("\xef\xbb\xbf"
                  "data: abc\n\n",
                  {.max_line_bytes = 8}) == 11);
}

TEST_CASE("each kind of line end starts the next line after it") {
  CHECK_FALSE(error_of("id: 1\r\ndata: ab\r\n\r\n", {.max_line_bytes = 8}).has_value());
  CHECK(offset_of("id: 1\r\ndata: abc\n", {.max_line_bytes = 8}) == 15);
  CHECK(offset_of("id: 1\rdata: abc\n", {.max_line_bytes = 8}) == 14);
  CHECK(offset_of("id: 1\ndata: abc\n", {.max_line_bytes = 8}) == 14);
}

TEST_CASE("comments are held to the line limit too") {
  CHECK(offset_of(": 123456789\n", {.max_line_bytes = 8}) == 8);
}

TEST_CASE("a code point straddling the line limit fails at the byte past it") {
  // "data: " is 6 bytes, then C3 at 6 and A9 at 7: the 8th byte is past a limit of 7.
  CHECK(offset_of("data: \xc3\xa9\n\n", {.max_line_bytes = 7}) == 7);
  CHECK(offset_of("data: \xc3\xa9\n\n", {.max_line_bytes = 6}) == 6);
}

TEST_CASE("invalid bytes count as the bytes they were on the wire") {
  // FF becomes three bytes of U+FFFD, yet the line is 8 bytes: within a limit of 8.
  CHECK_FALSE(error_of("data: \xff\xff\n\n", {.max_line_bytes = 8}).has_value());
  CHECK(offset_of("data: \xff\xff\xff\n\n", {.max_line_bytes = 8}) == 8);
}

TEST_CASE("a sequence cut off by its line end counts only its own bytes") {
  // E2 82 end the 8 bytes of the line; the LF that breaks the sequence is not one of them.
  CHECK_FALSE(error_of("data: \xe2\x82\n\n", {.max_line_bytes = 8}).has_value());
  CHECK_FALSE(error_of("data: \xe2\x82\ndata: \xe2\x82\n\n", {.max_event_bytes = 16}).has_value());
}

TEST_CASE("an event's field lines may total exactly max_event_bytes") {
  // Two lines of 9 bytes; line ends are not counted.
  CHECK_FALSE(error_of("data: abc\ndata: def\n\n", {.max_event_bytes = 18}).has_value());
}

TEST_CASE("an event with more field bytes fails at its first byte past the limit") {
  // The first line holds 9 bytes, so one more fits: 'd' at offset 10, then 'a' at 11 fails.
  const auto error = error_of("data: abc\ndata: def\n\n", {.max_event_bytes = 10});
  REQUIRE(error.has_value());
  CHECK(error->offset == 11);
  CHECK(error->reason == "event with more than 10 bytes of field lines");
}

TEST_CASE("a line that passes the event limit before the line limit fails on the event limit") {
  // The first line takes 16 of the event's 30 bytes; the second passes the event limit at its
  // 15th byte (offset 17 + 14) and would pass the line limit only at its 25th.
  const auto error = error_of("data: 0123456789\ndata: abcdefghijklmnopqrstuvw\n\n",
                              {.max_line_bytes = 24, .max_event_bytes = 30});
  REQUIRE(error.has_value());
  CHECK(error->offset == 31);
  CHECK(error->reason == "event with more than 30 bytes of field lines");
}

TEST_CASE("the event count starts again after each blank line") {
  CHECK_FALSE(
      error_of("data: abc\n\ndata: def\n\nid: 123456\n\n", {.max_event_bytes = 10}).has_value());
  // Blank lines that dispatch nothing also end the event.
  CHECK_FALSE(error_of("id: 123456\n\nretry: 10\n\n", {.max_event_bytes = 10}).has_value());
}

TEST_CASE("comments do not count toward an event") {
  CHECK_FALSE(
      error_of(": 123456789\n: 123456789\ndata: abc\n\n", {.max_event_bytes = 10}).has_value());
  // Nor do they end it: the field lines around them add up.
  CHECK(offset_of("data: abc\n: hi\ndata: def\n\n", {.max_event_bytes = 10}) == 16);
}

TEST_CASE("every field line counts, known or not") {
  CHECK(offset_of("foo: 12345\nid: 1\n\n", {.max_event_bytes = 12}) == 13);
}

TEST_CASE("after an error the parser stays failed and keeps what it dispatched") {
  Parser parser({.max_line_bytes = 8});
  feed(parser, "data: a\n\ndata: toolong\n\n");
  REQUIRE(parser.failed());
  const auto first_error = *parser.error();
  CHECK(first_error.offset == 17);  // the line starts at 9; its 9th byte is at 17

  feed(parser, "data: b\n\n");
  parser.finish();
  CHECK(parser.error()->offset == first_error.offset);
  CHECK(parser.error()->reason == first_error.reason);
  CHECK(take_all(parser) == std::vector{message("a")});
}

TEST_CASE("the default limits accept a long event of many lines") {
  std::string stream;
  for (int i = 0; i < 1000; ++i) stream += "data: " + std::string(1000, 'x') + "\n";
  stream += "\n";
  Parser parser;
  feed(parser, stream);
  CHECK_FALSE(parser.failed());
  const auto event = parser.next();
  REQUIRE(event.has_value());
  CHECK(event->data.size() == 1000 * 1001 - 1);
}
