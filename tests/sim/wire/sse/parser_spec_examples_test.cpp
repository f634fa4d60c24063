// The examples of WHATWG HTML section 9.2 (Server-sent events), each with what the spec's prose
// says it dispatches.

#include <doctest/doctest.h>

#include "sim/wire/sse/parser.hpp"
#include "tests/sim/wire/sse/sse_test_support.hpp"

using namespace pushlab::sim::wire::sse;
using namespace sse_test;

TEST_CASE("9.2.1: three messages, the second on two lines") {
  const auto events = parse(
      "data: This is the first message.\n"
      "\n"
      "data: This is the second message, it\n"
      "data: has two lines.\n"
      "\n"
      "data: This is the third message.\n"
      "\n");
  REQUIRE(events.size() == 3);
  CHECK(events[0] == message("This is the first message."));
  CHECK(events[1] == message("This is the second message, it\nhas two lines."));
  CHECK(events[2] == message("This is the third message."));
}

TEST_CASE("9.2.1: two event types, \"add\" and \"remove\"") {
  const auto events = parse(
      "event: add\n"
      "data: 73857293\n"
      "\n"
      "event: remove\n"
      "data: 2153\n"
      "\n"
      "event: add\n"
      "data: 113411\n"
      "\n");
  REQUIRE(events.size() == 3);
  CHECK(events[0] == MessageEvent{"add", "73857293", ""});
  CHECK(events[1] == MessageEvent{"remove", "2153", ""});
  CHECK(events[2] == MessageEvent{"add", "113411", ""});
}

TEST_CASE("9.2.6: the stock ticker's data lines join with LF") {
  const auto events = parse("data: YHOO\ndata: +2\ndata: 10\n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].type == "message");
  CHECK(events[0].data == "YHOO\n+2\n10");
  CHECK(events[0].last_event_id == "");
}

TEST_CASE("9.2.6: four blocks, a comment, an id, an id reset and a leading space") {
  const std::string blocks[] = {
      ": test stream\n\n",
      "data: first event\nid: 1\n\n",
      "data:second event\nid\n\n",
      "data:  third event\n\n",
  };
  Parser parser;
  feed(parser, blocks[0]);  // just a comment: fires nothing
  CHECK_FALSE(parser.next().has_value());

  feed(parser, blocks[1]);
  CHECK(parser.next() == message("first event", "1"));
  CHECK(parser.last_event_id() == "1");  // a reconnection now sends Last-Event-ID: 1

  feed(parser, blocks[2]);  // "id" with no value resets the last event ID
  CHECK(parser.next() == message("second event", ""));
  CHECK(parser.last_event_id() == "");

  feed(parser, blocks[3]);
  CHECK(parser.next() == message(" third event", ""));  // one leading space kept
  CHECK_FALSE(parser.next().has_value());
}

TEST_CASE("9.2.6: the end of the stream does not dispatch the last event") {
  const auto events = parse(
      ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n");
  REQUIRE(events.size() == 2);
  CHECK(events[0] == message("first event", "1"));
  CHECK(events[1] == message("second event", ""));
}

TEST_CASE("9.2.6: a bare \"data\" line is empty data, two of them are one LF") {
  const auto events = parse("data\n\ndata\ndata\n\ndata:\n");
  REQUIRE(events.size() == 2);  // the last block has no blank line: discarded
  CHECK(events[0] == message(""));
  CHECK(events[1] == message("\n"));

  const auto completed = parse("data\n\ndata\ndata\n\ndata:\n\n");
  REQUIRE(completed.size() == 3);  // "as would the last block if it was followed by a blank line"
  CHECK(completed[2] == message(""));
}

TEST_CASE("9.2.6: \"data:test\" and \"data: test\" fire identical events") {
  const auto events = parse("data:test\n\ndata: test\n\n");
  REQUIRE(events.size() == 2);
  CHECK(events[0] == message("test"));
  CHECK(events[1] == events[0]);
}
