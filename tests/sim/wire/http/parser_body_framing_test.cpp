// When a message has a body, and where it ends (RFC 9112 section 6.3).
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "sim/wire/http/parser.hpp"
#include "tests/sim/wire/http/event_log.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::http;
using namespace pushlab::sim::wire::http::testing;

TEST_CASE("the response to HEAD has no body, whatever its Content-Length says") {
  const std::string stream =
      "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"  // answers HEAD: 41 bytes, no body
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";  // answers GET
  CHECK(describe_responses(stream, {"HEAD", "GET"}) ==
        "head @0+41 HTTP/1.1 200 OK [Content-Length: 1234]\nend @41\n"
        "head @41+38 HTTP/1.1 200 OK [Content-Length: 2]\nbody @79 hi\nend @81\n");
  // Without being told, the parser takes the first response for an answer to GET and waits for
  // 1234 bytes of body.
  CHECK(describe_responses(stream) ==
        "head @0+41 HTTP/1.1 200 OK [Content-Length: 1234]\n"
        "body @41 HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhi\n");
}

TEST_CASE("1xx responses are interim: the request still waits for its final response") {
  const std::string stream =
      "HTTP/1.1 100 Continue\r\n\r\n"                                        // 25 bytes
      "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"  // 61
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"                       // final, for POST
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";                        // for HEAD
  CHECK(describe_responses(stream, {"POST", "HEAD"}) ==
        "head @0+25 HTTP/1.1 100 Continue\nend @25\n"
        "head @25+61 HTTP/1.1 103 Early Hints [Link: </style.css>; rel=preload]\nend @86\n"
        "head @86+38 HTTP/1.1 200 OK [Content-Length: 2]\nbody @124 hi\nend @126\n"
        "head @126+38 HTTP/1.1 200 OK [Content-Length: 5]\nend @164\n");
}

TEST_CASE("204 and 304 responses end with their head") {
  const std::string stream =
      "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n"
      "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\nContent-Length: 1234\r\n\r\n"
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
  CHECK(describe_responses(stream) ==
        "head @0+46 HTTP/1.1 204 No Content [Content-Length: 7]\nend @46\n"
        "head @46+62 HTTP/1.1 304 Not Modified [ETag: \"x\"] [Content-Length: 1234]\nend @108\n"
        "head @108+38 HTTP/1.1 200 OK [Content-Length: 2]\nbody @146 hi\nend @148\n");
}

TEST_CASE("a response without a length is read until the connection closes") {
  ResponseParser parser;
  EventLog<Response> log;
  parser.feed(to_bytes("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nstreamed "));
  drain(parser, log);
  parser.feed(to_bytes("until the end"));
  drain(parser, log);
  CHECK(describe(log) ==
        "head @0+45 HTTP/1.0 200 OK [Content-Type: text/plain]\n"
        "body @45 streamed until the end\n");  // no end yet: more may come
  parser.finish();
  drain(parser, log);
  log.error = parser.error();
  CHECK(describe(log) ==
        "head @0+45 HTTP/1.0 200 OK [Content-Type: text/plain]\n"
        "body @45 streamed until the end\n"
        "end @67\n");
}

TEST_CASE("Transfer-Encoding without chunked last: a response is read until close") {
  CHECK(
      describe_responses("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n\x1f\x8b", {}, true) ==
      "head @0+44 HTTP/1.1 200 OK [Transfer-Encoding: gzip]\nbody @44 \\x1f\\x8b\nend @46\n");
}

TEST_CASE("the end of the stream between messages is no error, inside one it is") {
  CHECK(describe_requests("GET / HTTP/1.1\r\n\r\n", true) ==
        "head @0+18 GET / HTTP/1.1\nend @18\n");
  CHECK(describe_requests("", true) == "");
  CHECK(describe_requests("GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel", true) ==
        "head @0+37 GET / HTTP/1.1 [Content-Length: 5]\nbody @37 hel\n"
        "error @40 connection closed before the message was complete\n");
  CHECK(describe_requests("GET / HTTP/1.1\r\nHo", true) ==
        "error @18 connection closed before the message was complete\n");
  CHECK(describe_responses("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
                           {}, true) ==
        "head @0+47 HTTP/1.1 200 OK [Transfer-Encoding: chunked]\nbody @50 hello\n"
        "error @57 connection closed before the message was complete\n");
}

TEST_CASE("feeding after finish() is a caller's bug") {
  RequestParser parser;
  parser.finish();
  CHECK_THROWS_AS(parser.feed(to_bytes("GET")), std::logic_error);
}
