#include "sim/wire/http/parser.hpp"

#include <doctest/doctest.h>

#include <string>

#include "tests/sim/wire/http/event_log.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::http;
using namespace pushlab::sim::wire::http::testing;

// Offsets in the expected texts below are counted by hand from the literal streams:
// "head @offset+size", "body @offset bytes", "end @offset" (just past the last byte).

TEST_CASE("a GET: start line, fields without their optional whitespace, exact head size") {
  const std::string stream =
      "GET /poll?since=3 HTTP/1.1\r\n"   // 28 bytes
      "Host: example.com\r\n"            // 19
      "Accept:  text/event-stream \r\n"  // 29
      "\r\n";                            // 2
  CHECK(describe_requests(stream) ==
        "head @0+78 GET /poll?since=3 HTTP/1.1 [Host: example.com] [Accept: text/event-stream]\n"
        "end @78\n");
}

TEST_CASE("a request with Content-Length: the body starts right after the head") {
  CHECK(describe_requests("POST /send HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello") ==
        "head @0+42 POST /send HTTP/1.1 [Content-Length: 5]\n"
        "body @42 hello\n"
        "end @47\n");
}

TEST_CASE("a response with Content-Length") {
  CHECK(describe_responses(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi") ==
        "head @0+64 HTTP/1.1 200 OK [Content-Type: text/plain] [Content-Length: 2]\n"
        "body @64 hi\n"
        "end @66\n");
}

TEST_CASE("a lone LF ends a line as CRLF does (RFC 9112 section 2.2)") {
  CHECK(describe_requests("GET / HTTP/1.1\nHost: a\n\n") ==
        "head @0+24 GET / HTTP/1.1 [Host: a]\nend @24\n");
  CHECK(describe_requests("GET / HTTP/1.1\r\nHost: a\n\r\n") ==
        "head @0+26 GET / HTTP/1.1 [Host: a]\nend @26\n");
}

TEST_CASE("empty lines before a message are skipped and are not part of it") {
  CHECK(describe_requests("\r\n\nGET / HTTP/1.1\r\n\r\n") ==
        "head @3+18 GET / HTTP/1.1\nend @21\n");
}

TEST_CASE("field values: empty, obs-text, inner whitespace kept, names keep their spelling") {
  const std::string stream =
      "GET / HTTP/1.1\r\n"
      "x-EMPTY:\r\n"
      "X-Name: caf\xc3\xa9\r\n"
      "X-List: a ,  b\t\r\n"
      "\r\n";
  RequestParser parser;
  parser.feed(to_bytes(stream));
  auto event = parser.next();
  REQUIRE(event.has_value());
  const Request& request = std::get<Head<Request>>(*event).message;
  CHECK(request.fields == Fields{{"x-EMPTY", ""}, {"X-Name", "caf\xc3\xa9"}, {"X-List", "a ,  b"}});
  CHECK(request.body.empty());
}

TEST_CASE("HTTP/1.0 is read too, and its version is kept") {
  CHECK(describe_requests("GET / HTTP/1.0\r\n\r\n") == "head @0+18 GET / HTTP/1.0\nend @18\n");
  CHECK(describe_responses("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") ==
        "head @0+38 HTTP/1.0 200 OK [Content-Length: 0]\nend @38\n");
}

TEST_CASE("the status line: any reason phrase, even an empty or a missing one") {
  const auto status_line = [](const std::string& line) {
    ResponseParser parser;
    parser.feed(to_bytes(line + "\r\nContent-Length: 0\r\n\r\n"));
    auto event = parser.next();
    REQUIRE_MESSAGE(event.has_value(), line);
    return std::get<Head<Response>>(*event).message;
  };
  CHECK(status_line("HTTP/1.1 404 Not  Found\there").reason == "Not  Found\there");
  CHECK(status_line("HTTP/1.1 404 Not  Found\there").status == 404);
  CHECK(status_line("HTTP/1.1 200 ").reason == "");
  CHECK(status_line("HTTP/1.1 200").reason == "");
  CHECK(status_line("HTTP/1.1 599 x").status == 599);
  CHECK(status_line("HTTP/1.1 100 x").status == 100);
}

TEST_CASE("repeated Content-Length values that agree are one length (RFC 9110 section 8.6)") {
  CHECK(describe_requests("PUT / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc") ==
        "head @0+40 PUT / HTTP/1.1 [Content-Length: 3, 3]\nbody @40 abc\nend @43\n");
  CHECK(describe_requests("PUT / HTTP/1.1\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc") ==
        "head @0+56 PUT / HTTP/1.1 [Content-Length: 3] [content-length: 3]\nbody @56 abc\n"
        "end @59\n");
  CHECK(describe_requests("PUT / HTTP/1.1\r\nContent-Length: 000\r\n\r\n") ==
        "head @0+39 PUT / HTTP/1.1 [Content-Length: 000]\nend @39\n");
}

TEST_CASE("pipelined requests in one feed, each cut out exactly by its offsets") {
  const std::string first = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string second = "POST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi";
  const std::string third = "GET /c HTTP/1.1\r\n\r\n";
  const std::string stream = first + second + third;
  RequestParser parser;
  parser.feed(to_bytes(stream));
  std::vector<std::string> cut;
  while (auto whole = parser.next_message()) {
    cut.push_back(stream.substr(whole->offset, whole->end_offset - whole->offset));
  }
  CHECK(cut == std::vector<std::string>{first, second, third});
  CHECK_FALSE(parser.failed());
}

TEST_CASE("next_message gathers a head and its body, and keeps the framing fields") {
  RequestParser parser;
  parser.feed(
      to_bytes("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
               "3\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n"
               "GET /next HTTP/1.1\r\n"));
  auto whole = parser.next_message();
  REQUIRE(whole.has_value());
  CHECK(whole->message.method == "POST");
  CHECK(whole->message.body == to_bytes("abcde"));
  CHECK(whole->message.fields == Fields{{"Transfer-Encoding", "chunked"}});
  CHECK(whole->trailers == Fields{{"X-Sum", "5"}});
  CHECK(whole->offset == 0);
  CHECK(whole->head_size == 48);
  CHECK(whole->end_offset == 78);
  CHECK_FALSE(parser.next_message().has_value());  // the next head is not complete yet
  parser.feed(to_bytes("\r\n"));
  auto next = parser.next_message();
  REQUIRE(next.has_value());
  CHECK(next->message.target == "/next");
  CHECK(next->offset == 78);
}

TEST_CASE("a request without Content-Length or Transfer-Encoding has no body") {
  CHECK(describe_requests("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n") ==
        "head @0+19 GET /1 HTTP/1.1\nend @19\nhead @19+19 GET /2 HTTP/1.1\nend @38\n");
}

TEST_CASE("bytes are only read when events are asked for") {
  RequestParser parser;
  parser.feed(to_bytes("GET / HTTP/1.1\r\n\r\nnot http at all\x01\r\n"));
  CHECK(parser.bytes_fed() == 36);
  CHECK_FALSE(parser.failed());  // nothing read yet
  REQUIRE(parser.next().has_value());
  REQUIRE(parser.next().has_value());
  CHECK_FALSE(parser.failed());  // the second message is still unread
  CHECK_FALSE(parser.next().has_value());
  CHECK(parser.failed());
}
