#include "sim/wire/sse/parser.hpp"

#include <doctest/doctest.h>

#include <string>

#include "tests/sim/wire/sse/sse_test_support.hpp"

using namespace pushlab::sim::wire::sse;
using namespace sse_test;
using namespace std::string_literals;

namespace {

const std::string kFffd = "\xef\xbf\xbd";  // U+FFFD in UTF-8
const std::string kBom = "\xef\xbb\xbf";   // U+FEFF in UTF-8

std::string replace_all(std::string text, char from, const std::string& to) {
  std::string out;
  for (const char c : text) out += c == from ? to : std::string(1, c);
  return out;
}

const std::string kFourBlocks =
    ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n";

}  // namespace

TEST_CASE("CRLF, LF and CR line ends give the same events, mixed too") {
  const auto expected = parse(kFourBlocks);
  REQUIRE(expected.size() == 3);
  CHECK(parse(replace_all(kFourBlocks, '\n', "\r\n")) == expected);
  CHECK(parse(replace_all(kFourBlocks, '\n', "\r")) == expected);
  CHECK(parse(": test stream\r\n\ndata: first event\rid: 1\n\r\ndata:second event\r\nid\r\r"
              "data:  third event\n\r") == expected);
}

TEST_CASE("LF CR is two line ends, so it dispatches") {
  const auto events = parse("data: a\n\rdata: b\n\n");
  REQUIRE(events.size() == 2);
  CHECK(events[0] == message("a"));
  CHECK(events[1] == message("b"));
}

TEST_CASE("a byte order mark at the very start is dropped") {
  CHECK(parse(kBom + "data: a\n\n") == std::vector{message("a")});
}

TEST_CASE("a byte order mark anywhere else is kept as text") {
  // The second one is part of the first line's name, "\uFEFFdata", an unknown field.
  CHECK(parse(kBom + kBom + "data: a\n\ndata: b\n\n") == std::vector{message("b")});
  CHECK(parse("data: a\n" + kBom + "data: b\n\n") == std::vector{message("a")});
  CHECK(parse("data: " + kBom + "a\n\n") == std::vector{message(kBom + "a")});
}

TEST_CASE("a comment line is ignored wherever it is") {
  CHECK(parse(":\n: x\ndata: a\n:data: b\ndata: c\n\n") == std::vector{message("a\nc")});
  CHECK(parse(": only a comment\n\n").empty());
}

TEST_CASE("a field splits at its first colon and loses one space") {
  CHECK(parse("data:a\n\n") == std::vector{message("a")});
  CHECK(parse("data:  a\n\n") == std::vector{message(" a")});
  CHECK(parse("data: a: b\n\n") == std::vector{message("a: b")});
  CHECK(parse("data:\ta\n\n") == std::vector{message("\ta")});  // only a space is dropped
  CHECK(parse("event:add\ndata: x\n\n") == std::vector{MessageEvent{"add", "x", ""}});
}

TEST_CASE("unknown fields are ignored and names are case-sensitive") {
  const auto events = parse("foo: bar\nDATA: y\nEvent: z\n data: w\ndata: x\nId: 3\n\n");
  CHECK(events == std::vector{message("x")});
}

TEST_CASE("a block without data dispatches nothing but resets the event type") {
  const auto events = parse("event: add\n\ndata: x\n\n");
  CHECK(events == std::vector{message("x")});  // "message", not "add"
}

TEST_CASE("an empty event field means the default type") {
  CHECK(parse("event: add\nevent:\ndata: x\n\n") == std::vector{message("x")});
}

TEST_CASE("the last event ID stays across events until an id field changes it") {
  Parser parser;
  feed(parser, "id: 7\ndata: a\n\ndata: b\n\n");
  CHECK(take_all(parser) == std::vector{message("a", "7"), message("b", "7")});
  CHECK(parser.last_event_id() == "7");

  feed(parser, "id: 9\n\n");  // no data: nothing fires, but the ID is now 9
  CHECK_FALSE(parser.next().has_value());
  CHECK(parser.last_event_id() == "9");

  feed(parser, "data: c\n\nid:\ndata: d\n\n");
  CHECK(take_all(parser) == std::vector{message("c", "9"), message("d", "")});
  CHECK(parser.last_event_id() == "");
}

TEST_CASE("an id is only what a reconnection sends once its block is dispatched") {
  Parser parser;
  feed(parser, "id: 1\n\ndata: x\nid: 2\n");
  CHECK(parser.last_event_id() == "1");
  parser.finish();  // the block with id 2 never ended
  CHECK(parser.last_event_id() == "1");
  CHECK_FALSE(parser.next().has_value());
}

TEST_CASE("an id containing NUL is ignored") {
  const auto events = parse("id: 1\n\ndata: x\nid: a\0b\n\n"s);
  CHECK(events == std::vector{message("x", "1")});
}

TEST_CASE("an id may contain any other character") {
  CHECK(parse("id: a b:c\xc3\xa9\ndata: x\n\n") == std::vector{message("x", "a b:c\xc3\xa9")});
}

TEST_CASE("retry sets the reconnection time as soon as its line ends") {
  Parser parser;
  CHECK_FALSE(parser.retry_ms().has_value());
  feed(parser, "retry: 1500\n");
  CHECK(parser.retry_ms() == 1500);
  feed(parser, "retry:0\n");
  CHECK(parser.retry_ms() == 0);
  feed(parser, "retry: 18446744073709551615\n");  // the largest 64-bit value
  CHECK(parser.retry_ms() == 18446744073709551615ull);
}

TEST_CASE("retry with anything but ASCII digits is ignored") {
  for (const char* value :
       {"15x", "-1", "+1", " 100", "1.5", "1e3", "", "\xef\xbc\x91", "18446744073709551616"}) {
    CAPTURE(value);
    Parser parser;
    feed(parser, "retry: 42\n");
    feed(parser, "retry: "s + value + "\n");
    CHECK(parser.retry_ms() == 42);
  }
}

TEST_CASE("finish() discards an event without its blank line") {
  Parser parser;
  feed(parser, "data: done\n\ndata: cut off\n");
  parser.finish();
  CHECK(take_all(parser) == std::vector{message("done")});
}

TEST_CASE("finish() discards a line without its line end") {
  CHECK(parse("data: a\n\ndata: b").size() == 1);
  CHECK(parse("data: a\n\ndata: b\n").size() == 1);
}

TEST_CASE("bytes after finish() are an error at their offset") {
  Parser parser;
  feed(parser, "data: a\n\n");
  parser.finish();
  feed(parser, "data: b\n\n");
  REQUIRE(parser.error().has_value());
  CHECK(parser.error()->offset == 9);
  CHECK(parser.error()->reason == "bytes fed after the end of the stream");
  CHECK(take_all(parser) == std::vector{message("a")});
}

TEST_CASE("invalid UTF-8 becomes U+FFFD in every field") {
  CHECK(parse("data: a\xff"
              "b\n\n") == std::vector{message("a" + kFffd + "b")});
  CHECK(parse("data: \xe2\x82\n\n") == std::vector{message(kFffd)});  // cut off by the LF
  CHECK(parse("data: \xe0\x80x\n\n") == std::vector{message(kFffd + kFffd + "x")});
  CHECK(parse("data: \xed\xa0\x80\n\n") == std::vector{message(kFffd + kFffd + kFffd)});
  CHECK(parse("event: \xc3\ndata: x\n\n") == std::vector{MessageEvent{kFffd, "x", ""}});
  CHECK(parse("id: \xf0\x9f\ndata: x\n\n") == std::vector{message("x", kFffd)});
}

TEST_CASE("valid UTF-8 of every length passes through") {
  const std::string text = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
  CHECK(parse("data: " + text + "\n\n") == std::vector{message(text)});
}

TEST_CASE("a code point split between feeds decodes whole") {
  CHECK(parse_pieces({"data: \xe2", "\x82\xac\n\n"}) == std::vector{message("\xe2\x82\xac")});
  CHECK(parse_pieces({"data: \xf0\x9f", "\x98", "\x80\n\n"}) ==
        std::vector{message("\xf0\x9f\x98\x80")});
  CHECK(parse_pieces({"data: \xe2", "(\n\n"}) == std::vector{message(kFffd + "(")});
}

TEST_CASE("events wait in order until taken") {
  Parser parser;
  feed(parser, "data: 1\n\ndata: 2\n\n");
  feed(parser, "data: 3\n\n");
  CHECK(parser.next() == message("1"));
  CHECK(parser.next() == message("2"));
  CHECK(parser.next() == message("3"));
  CHECK_FALSE(parser.next().has_value());
}
