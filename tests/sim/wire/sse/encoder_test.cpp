#include "sim/wire/sse/encoder.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <stdexcept>
#include <string>

using namespace pushlab::sim::wire::sse;
using namespace std::string_literals;

TEST_CASE("a data-only event is one data line and the blank line") {
  CHECK(encode(Event{.data = "hello"}) == "data: hello\n\n");
}

TEST_CASE("each field is written 'name: value'") {
  CHECK(encode(Event{.type = "add", .data = "73857293"}) == "event: add\ndata: 73857293\n\n");
  CHECK(encode(Event{.data = "x", .id = "42"}) == "id: 42\ndata: x\n\n");
  CHECK(encode(Event{.data = "x", .retry_ms = 3000}) == "retry: 3000\ndata: x\n\n");
  CHECK(encode(Event{.data = "x", .comments = {"hi"}}) == ": hi\ndata: x\n\n");
}

TEST_CASE("fields come in a fixed order: comments, event, id, retry, data") {
  const Event event{.type = "t", .data = "d", .id = "1", .retry_ms = 10, .comments = {"c1", "c2"}};
  CHECK(encode(event) == ": c1\n: c2\nevent: t\nid: 1\nretry: 10\ndata: d\n\n");
}

TEST_CASE("an empty value is written without the space") {
  CHECK(encode(Event{.data = ""}) == "data:\n\n");
  CHECK(encode(Event{.data = "x", .id = ""}) == "id:\ndata: x\n\n");
  CHECK(encode(Event{.data = "x", .comments = {""}}) == ":\ndata: x\n\n");
}

TEST_CASE("a value starting with a space keeps it behind the separating space") {
  CHECK(encode(Event{.data = " x"}) == "data:  x\n\n");
  CHECK(encode(Event{.type = " t", .data = "x"}) == "event:  t\ndata: x\n\n");
}

TEST_CASE("multi-line data is one data line per line, whatever its line ends") {
  CHECK(encode(Event{.data = "YHOO\n+2\n10"}) == "data: YHOO\ndata: +2\ndata: 10\n\n");
  CHECK(encode(Event{.data = "a\r\nb\rc\nd"}) == "data: a\ndata: b\ndata: c\ndata: d\n\n");
  CHECK(encode(Event{.data = "a\n"}) == "data: a\ndata:\n\n");
  CHECK(encode(Event{.data = "\n"}) == "data:\ndata:\n\n");
  CHECK(encode(Event{.data = "\r\n"}) == "data:\ndata:\n\n");         // CRLF is one line end
  CHECK(encode(Event{.data = "\n\r"}) == "data:\ndata:\ndata:\n\n");  // LF CR is two
}

TEST_CASE("type is omitted when empty, and is written even when it is \"message\"") {
  CHECK(encode(Event{.type = "", .data = "x"}) == "data: x\n\n");
  CHECK(encode(Event{.type = "message", .data = "x"}) == "event: message\ndata: x\n\n");
}

TEST_CASE("data may hold NUL and a colon, type may hold a colon") {
  CHECK(encode(Event{.data = "a\0b"s}) == "data: a\0b\n\n"s);
  CHECK(encode(Event{.type = "a:b", .data = "c: d"}) == "event: a:b\ndata: c: d\n\n");
}

TEST_CASE("heartbeat comments and retry lines stand alone") {
  CHECK(encode_comment("ping") == ": ping\n");
  CHECK(encode_comment("") == ":\n");
  CHECK(encode_retry(0) == "retry: 0\n");
  CHECK(encode_retry(std::numeric_limits<std::uint64_t>::max()) == "retry: 18446744073709551615\n");
}

TEST_CASE("values that cannot be encoded are rejected with the reason") {
  using doctest::Contains;
  CHECK_THROWS_WITH_AS(encode(Event{.type = "a\nb", .data = "x"}),
                       Contains("event type contains a line break"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(encode(Event{.type = "a\rb", .data = "x"}),
                       Contains("event type contains a line break"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(encode(Event{.data = "x", .id = "1\n"}),
                       Contains("id contains a line break"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(encode(Event{.data = "x", .id = "1\r"}),
                       Contains("id contains a line break"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(encode(Event{.data = "x", .id = "a\0b"s}), Contains("id contains NUL"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(encode(Event{.data = "x", .comments = {"ok", "x\ny"}}),
                       Contains("comment 1 contains a line break"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(encode_comment("a\rb"), Contains("comment contains a line break"),
                       std::invalid_argument);
}

TEST_CASE("text that is not UTF-8 is rejected, since the stream must be UTF-8") {
  using doctest::Contains;
  CHECK_THROWS_WITH_AS(encode(Event{.data = "\xff"}), Contains("data is not valid UTF-8"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(encode(Event{.type = "\xc3", .data = "x"}),
                       Contains("event type is not valid UTF-8"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(encode(Event{.data = "x", .id = "\xed\xa0\x80"}),
                       Contains("id is not valid UTF-8"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(encode_comment("\xc0\xaf"), Contains("comment is not valid UTF-8"),
                       std::invalid_argument);
}
