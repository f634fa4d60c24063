// Every way a message is refused, with the reason a learner reads and the offset of the first
// bad byte (counted by hand from each literal).
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "sim/wire/http/parser.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::http;
using namespace std::literals;

namespace {

struct Rejection {
  std::string_view stream;
  std::string_view reason;
  std::uint64_t offset;
};

template <class Parser>
void check_rejection(const Rejection& expected, bool finish = false) {
  CAPTURE(expected.stream);
  Parser parser;
  parser.feed(to_bytes(expected.stream));
  if (finish) parser.finish();
  while (parser.next()) {
  }
  REQUIRE(parser.failed());
  CHECK(parser.error()->reason == expected.reason);
  CHECK(parser.error()->offset == expected.offset);
}

}  // namespace

TEST_CASE("bad request lines") {
  const Rejection cases[] = {
      {"G@T / HTTP/1.1\r\n\r\n", "bad request line: method is not a token", 1},
      {" GET / HTTP/1.1\r\n\r\n", "bad request line: method is not a token", 0},
      {"GET\r\n\r\n", "bad request line: missing request target", 3},
      {"GET  / HTTP/1.1\r\n\r\n", "bad request line: request target is empty", 4},
      {"GET /a\x01 HTTP/1.1\r\n\r\n", "bad request line: invalid character in request target", 6},
      {"GET /caf\xc3\xa9 HTTP/1.1\r\n\r\n", "bad request line: invalid character in request target",
       8},
      {"GET /\r\n\r\n", "bad request line: missing HTTP version", 5},
      {"GET / HTTP/1.1 \r\n\r\n", "bad request line: malformed HTTP version", 14},
      {"GET / http/1.1\r\n\r\n", "bad request line: malformed HTTP version", 6},
      {"GET / HTTP/1\r\n\r\n", "bad request line: malformed HTTP version", 12},
      {"GET / HTTP/2.0\r\n\r\n", "unsupported HTTP version", 11},
      {"GET / HTTP/1.2\r\n\r\n", "unsupported HTTP version", 13},
      {"GET / HTTP/1.1\rX", "bare CR", 14},
  };
  for (const auto& c : cases) check_rejection<RequestParser>(c);
}

TEST_CASE("bad status lines") {
  const Rejection cases[] = {
      {"HTTP/1.1 20 OK\r\n\r\n", "bad status line: status code must be 3 digits", 11},
      {"HTTP/1.1 2000 OK\r\n\r\n", "bad status line: status code must be 3 digits", 12},
      {"HTTP/1.1 2x0 OK\r\n\r\n", "bad status line: status code must be 3 digits", 10},
      {"HTTP/1.1\r\n\r\n", "bad status line: status code must be 3 digits", 8},
      {"HTTP/1.1  200 OK\r\n\r\n", "bad status line: status code must be 3 digits", 9},
      {"HTTP/1.1 099 Early\r\n\r\n", "bad status line: status code must be between 100 and 599", 9},
      {"HTTP/1.1 600 Late\r\n\r\n", "bad status line: status code must be between 100 and 599", 9},
      {"HTTP/1.1 200 O\x7fK\r\n\r\n", "bad status line: invalid character in reason phrase", 14},
      {"HTTP/3 200 OK\r\n\r\n", "bad status line: malformed HTTP version", 6},
      {"ICY 200 OK\r\n\r\n", "bad status line: malformed HTTP version", 0},
      {"HTTP/2.0 200 OK\r\n\r\n", "unsupported HTTP version", 5},
  };
  for (const auto& c : cases) check_rejection<ResponseParser>(c);
}

TEST_CASE("bad field lines") {
  const Rejection cases[] = {
      {"GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
       "obsolete line folding (RFC 9112 section 5.2) is not allowed", 25},
      {"GET / HTTP/1.1\r\nHost: a\r\n\tfolded\r\n\r\n",
       "obsolete line folding (RFC 9112 section 5.2) is not allowed", 25},
      {"GET / HTTP/1.1\r\n x: y\r\n\r\n", "whitespace before the first field line", 16},
      {"GET / HTTP/1.1\r\nHost : a\r\n\r\n", "whitespace between field name and colon", 20},
      {"GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", "whitespace between field name and colon", 20},
      {"GET / HTTP/1.1\r\nHo(st: a\r\n\r\n", "field name is not a token", 18},
      {"GET / HTTP/1.1\r\nHo st: a\r\n\r\n", "field name is not a token", 18},
      {"GET / HTTP/1.1\r\nHost\r\n\r\n", "field line has no colon", 20},
      {"GET / HTTP/1.1\r\n: a\r\n\r\n", "field name is empty", 16},
      {"GET / HTTP/1.1\r\nX: a\x00"
       "b\r\n\r\n"sv,
       "field value contains a control character", 20},
      {"GET / HTTP/1.1\r\nX: a\x7f\r\n\r\n", "field value contains a control character", 20},
      {"GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "bare CR", 23},
  };
  for (const auto& c : cases) check_rejection<RequestParser>(c);
}

TEST_CASE("lengths that do not add up (RFC 9112 section 6.3)") {
  const Rejection cases[] = {
      {"GET / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
       "conflicting Content-Length values", 51},
      {"GET / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n", "conflicting Content-Length values", 35},
      {"GET / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
       "both Content-Length and Transfer-Encoding (request smuggling risk)", 35},
      {"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
       "both Content-Length and Transfer-Encoding (request smuggling risk)", 44},
      {"GET / HTTP/1.1\r\nContent-Length: 5x\r\n\r\n", "invalid Content-Length", 33},
      {"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length", 32},
      {"GET / HTTP/1.1\r\nContent-Length: +1\r\n\r\n", "invalid Content-Length", 32},
      {"GET / HTTP/1.1\r\nContent-Length: \r\n\r\n", "invalid Content-Length", 32},
      {"GET / HTTP/1.1\r\nContent-Length: 1,,1\r\n\r\n", "invalid Content-Length", 34},
      {"GET / HTTP/1.1\r\nContent-Length: 18446744073709551616\r\n\r\n", "invalid Content-Length",
       51},
      {"GET / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
       "chunked must be the final transfer coding", 35},
      {"GET / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
       "chunked must be the final transfer coding", 44},
      {"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
       "chunked must be the final transfer coding", 63},
      {"GET / HTTP/1.1\r\nTransfer-Encoding: chu nked\r\n\r\n", "invalid Transfer-Encoding", 35},
      {"GET / HTTP/1.1\r\nTransfer-Encoding: ,\r\n\r\n", "Transfer-Encoding names no coding", 35},
  };
  for (const auto& c : cases) check_rejection<RequestParser>(c);
}

TEST_CASE("the largest Content-Length is read, then refused as too large a body") {
  check_rejection<RequestParser>({"GET / HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\n",
                                  "body larger than 8388608 bytes", 32});
}

TEST_CASE("bad chunked framing") {
  const std::string_view head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";  // 47
  const auto after_head = [head](std::string_view body) {
    return std::string(head) + std::string(body);
  };
  const std::string streams[] = {
      after_head("z\r\n"),
      after_head("\r\n"),
      after_head("5 \r\n"),
      after_head("-5\r\n"),
      after_head("5;a\x01\r\n"),
      after_head("0x5\r\n"),
      after_head("5\r\nhelloX"),
      after_head("5\r\nhello\rX"),
      after_head("1\r\nx\r\n0\r\n: t\r\n\r\n"),
  };
  const Rejection cases[] = {
      {streams[0], "bad chunk size", 47},
      {streams[1], "bad chunk size", 47},
      {streams[2], "bad chunk size", 48},
      {streams[3], "bad chunk size", 47},
      {streams[4], "bad chunk extension", 50},
      {streams[5], "bad chunk size", 48},
      {streams[6], "chunk data must be followed by CRLF", 55},
      {streams[7], "bare CR", 55},
      {streams[8], "field name is empty", 56},
  };
  for (const auto& c : cases) check_rejection<RequestParser>(c);
}

TEST_CASE("a connection closed mid-message") {
  check_rejection<RequestParser>({"GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel",
                                  "connection closed before the message was complete", 40},
                                 true);
  check_rejection<ResponseParser>(
      {"HTTP/1.1 200 OK\r\nContent-", "connection closed before the message was complete", 25},
      true);
  check_rejection<ResponseParser>(
      {"HTTP/1.1 200 OK\r\n\r", "connection closed before the message was complete", 18}, true);
}

TEST_CASE("after an error the parser stays failed and ignores what comes next") {
  RequestParser parser;
  parser.feed(to_bytes("GET / HTTP/1.1\r\nHost : a\r\n\r\n"));
  CHECK_FALSE(parser.next().has_value());
  REQUIRE(parser.failed());
  const DecodeError first = *parser.error();
  parser.feed(to_bytes("GET / HTTP/1.1\r\n\r\n"));
  CHECK_FALSE(parser.next().has_value());
  CHECK_FALSE(parser.next_message().has_value());
  parser.mark_upgraded();
  CHECK_FALSE(parser.upgraded());
  CHECK(parser.error()->reason == first.reason);
  CHECK(parser.error()->offset == first.offset);
}
