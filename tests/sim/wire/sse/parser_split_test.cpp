// However the network cuts a stream into reads, the parser dispatches the same events.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/wire/sse/parser.hpp"
#include "tests/sim/wire/sse/sse_test_support.hpp"

using namespace pushlab::sim::wire::sse;
using namespace sse_test;

namespace {

// A BOM, every line end, multi-byte and invalid UTF-8, comments, id, retry and empty data.
const std::string kStream =
    "\xef\xbb\xbf: comment\r\n"
    "event: caf\xc3\xa9\r\n"
    "id: 1\xe2\x82\xac\r"
    "data: a\r\n"
    "data:\xf0\x9f\x98\x80\n"
    "\r\n"
    "data: broken \xe2\x82\r"
    "retry: 250\r"
    "\r"
    "data\n"
    "\n"
    "data: tail without its blank line\n";

const std::vector<MessageEvent> kExpected = {
    {"caf\xc3\xa9", "a\n\xf0\x9f\x98\x80", "1\xe2\x82\xac"},
    {"message", "broken \xef\xbf\xbd", "1\xe2\x82\xac"},
    {"message", "", "1\xe2\x82\xac"},
};

}  // namespace

TEST_CASE("the whole stream at once gives the expected events") {
  CHECK(parse(kStream) == kExpected);
}

TEST_CASE("every split into two feeds gives the same events") {
  for (std::size_t at = 0; at <= kStream.size(); ++at) {
    CAPTURE(at);
    CHECK(parse_pieces({kStream.substr(0, at), kStream.substr(at)}) == kExpected);
  }
}

TEST_CASE("one byte per feed gives the same events and state") {
  Parser parser;
  for (const char c : kStream) feed(parser, std::string(1, c));
  parser.finish();
  CHECK(take_all(parser) == kExpected);
  CHECK(parser.last_event_id() == "1\xe2\x82\xac");
  CHECK(parser.retry_ms() == 250);
}

TEST_CASE("every split into three feeds gives the same events") {
  for (std::size_t first = 0; first <= kStream.size(); ++first) {
    for (std::size_t second = first; second <= kStream.size(); ++second) {
      const auto events =
          parse_pieces({kStream.substr(0, first), kStream.substr(first, second - first),
                        kStream.substr(second)});
      if (events != kExpected) FAIL_CHECK("split at " << first << " and " << second);
    }
  }
}

TEST_CASE("CR ending one feed and LF starting the next are one line end") {
  // Read as two line ends, the LF would be a blank line dispatching "a" on its own.
  const auto events = parse_pieces({"data: a\r", "\ndata: b\r\n\r\n"});
  CHECK(events == std::vector{message("a\nb")});
}

TEST_CASE("a CR ending a feed dispatches at once when it ends a blank line") {
  Parser parser;
  feed(parser, "data: a\r\r");
  CHECK(parser.next() == message("a"));  // no need to wait for a possible LF
  feed(parser, "\ndata: b\n\n");         // that LF completes the CRLF: nothing more
  CHECK(take_all(parser) == std::vector{message("b")});
}

TEST_CASE("a byte order mark split between feeds is still dropped") {
  CHECK(parse_pieces({"\xef", "\xbb",
                      "\xbf"
                      "data: a\n\n"}) == std::vector{message("a")});
}
