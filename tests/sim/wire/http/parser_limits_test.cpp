// Limits hold as bytes arrive: a parser never waits for a line end or a body longer than it
// accepts, and the error points at the first byte beyond the limit.
#include <doctest/doctest.h>

#include <string>

#include "sim/wire/http/parser.hpp"
#include "tests/sim/wire/http/event_log.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::http;
using namespace pushlab::sim::wire::http::testing;

namespace {

template <class Parser>
std::string outcome(Parser parser, const std::string& stream, bool finish = false) {
  return describe(parse_whole(std::move(parser), to_bytes(stream), finish));
}

}  // namespace

TEST_CASE("a head of exactly max_head_bytes is fine, one byte more is not") {
  const ParserLimits limits{.max_head_bytes = 32};
  CHECK(outcome(RequestParser(limits), "GET / HTTP/1.1\r\nHost: abcdef\r\n\r\n") ==
        "head @0+32 GET / HTTP/1.1 [Host: abcdef]\nend @32\n");
  CHECK(outcome(RequestParser(limits), "GET / HTTP/1.1\r\nHost: abcdefg\r\n\r\n") ==
        "error @32 header section larger than 32 bytes\n");
}

TEST_CASE("the head limit counts from the start line, not from the stream") {
  const ParserLimits limits{.max_head_bytes = 18};
  CHECK(outcome(RequestParser(limits), "GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n") ==
        "head @0+18 GET / HTTP/1.1\nend @18\nhead @18+18 GET / HTTP/1.1\nend @36\n");
}

TEST_CASE("a line that never ends is refused as soon as it passes the limit") {
  RequestParser parser;
  parser.feed(to_bytes("GET /"));
  const Bytes piece(1024, 'a');
  for (int i = 0; i < 7; ++i) parser.feed(piece);  // 7173 bytes, no line end yet
  CHECK_FALSE(parser.next().has_value());
  CHECK_FALSE(parser.failed());
  parser.feed(Bytes(8192 - 7173, 'a'));  // exactly 8192
  CHECK_FALSE(parser.next().has_value());
  CHECK_FALSE(parser.failed());
  parser.feed(Bytes{'a'});
  CHECK_FALSE(parser.next().has_value());
  REQUIRE(parser.failed());
  CHECK(parser.error()->reason == "header section larger than 8192 bytes");
  CHECK(parser.error()->offset == 8192);
  parser.feed(piece);  // a failed parser keeps nothing more
  CHECK(parser.bytes_fed() == 8193 + 1024);
}

TEST_CASE("max_fields header fields are fine, one more is not") {
  const ParserLimits limits{.max_fields = 2};
  CHECK(outcome(RequestParser(limits), "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n") ==
        "head @0+30 GET / HTTP/1.1 [A: 1] [B: 2]\nend @30\n");
  CHECK(outcome(RequestParser(limits), "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n") ==
        "error @28 more than 2 header fields\n");
}

TEST_CASE("a Content-Length above max_body_bytes is refused at its value, before any body") {
  const ParserLimits limits{.max_body_bytes = 10};
  CHECK(outcome(RequestParser(limits), "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789") ==
        "head @0+39 POST / HTTP/1.1 [Content-Length: 10]\nbody @39 0123456789\nend @49\n");
  CHECK(outcome(RequestParser(limits), "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n") ==
        "error @33 body larger than 10 bytes\n");
}

TEST_CASE("chunks are refused once they would take the body above max_body_bytes") {
  const ParserLimits limits{.max_body_bytes = 10};
  const std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";  // 47 bytes
  CHECK(outcome(RequestParser(limits), head + "6\r\nabcdef\r\n4\r\nghij\r\n0\r\n\r\n") ==
        "head @0+47 POST / HTTP/1.1 [Transfer-Encoding: chunked]\n"
        "body @50 abcdef\nbody @61 ghij\nend @72\n");
  CHECK(outcome(RequestParser(limits), head + "6\r\nabcdef\r\n5\r\nghijk\r\n0\r\n\r\n") ==
        "head @0+47 POST / HTTP/1.1 [Transfer-Encoding: chunked]\n"
        "body @50 abcdef\nerror @58 body larger than 10 bytes\n");
}

TEST_CASE("a body read until close stops at max_body_bytes") {
  const ParserLimits limits{.max_body_bytes = 10};
  CHECK(outcome(ResponseParser(limits), "HTTP/1.1 200 OK\r\n\r\n0123456789", true) ==
        "head @0+19 HTTP/1.1 200 OK\nbody @19 0123456789\nend @29\n");
  CHECK(outcome(ResponseParser(limits), "HTTP/1.1 200 OK\r\n\r\n0123456789X") ==
        "head @0+19 HTTP/1.1 200 OK\nbody @19 0123456789\nerror @29 body larger than 10 bytes\n");
}

TEST_CASE("chunk size lines and trailer sections have the head's limit") {
  const ParserLimits limits{.max_head_bytes = 48};
  const std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";  // 47 bytes
  CHECK(outcome(RequestParser(limits), head + "1;" + std::string(45, 'x') + "\r\n") ==
        "head @0+47 POST / HTTP/1.1 [Transfer-Encoding: chunked]\n"
        "error @95 chunk size line longer than 48 bytes\n");
  CHECK(outcome(RequestParser(limits), head + "0\r\nX: " + std::string(42, 'y') + "\r\n\r\n") ==
        "head @0+47 POST / HTTP/1.1 [Transfer-Encoding: chunked]\n"
        "error @98 trailer section larger than 48 bytes\n");
}

TEST_CASE("max_fields applies to trailer fields too") {
  const ParserLimits limits{.max_fields = 1};
  const std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";  // 47 bytes
  CHECK(outcome(RequestParser(limits), head + "0\r\nA: 1\r\n\r\n") ==
        "head @0+47 POST / HTTP/1.1 [Transfer-Encoding: chunked]\nend @58 [A: 1]\n");
  CHECK(outcome(RequestParser(limits), head + "0\r\nA: 1\r\nB: 2\r\n\r\n") ==
        "head @0+47 POST / HTTP/1.1 [Transfer-Encoding: chunked]\n"
        "error @56 more than 1 trailer fields\n");
}

TEST_CASE("a reader of streamed bodies takes an event stream past the default body limit") {
  // 9 MiB of events in 64 KiB chunks: more than the 8 MiB a default parser accepts.
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  const auto run = [&](ParserLimits limits) {
    ResponseParser parser(limits);
    parser.feed(
        to_bytes("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n"));
    std::uint64_t body = 0;
    for (int i = 0; i < 144 && !parser.failed(); ++i) {
      parser.feed(to_bytes(chunk));
      while (auto event = parser.next()) {
        if (const auto* data = std::get_if<BodyData>(&*event)) body += data->data.size();
      }
    }
    return std::pair{body, parser.failed()};
  };
  CHECK(run(kStreamedBodyLimits) == std::pair<std::uint64_t, bool>{144u << 16, false});
  const auto [body, failed] = run(ParserLimits{});
  CHECK(failed);
  CHECK(body <= ParserLimits{}.max_body_bytes);
}
