// Chunked bodies (RFC 9112 section 7.1): the framing is removed, each chunk's data is reported
// with its place on the wire, extensions are dropped and trailer fields come with the end.
#include <doctest/doctest.h>

#include <string>

#include "sim/wire/http/parser.hpp"
#include "tests/sim/wire/http/event_log.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::http;
using namespace pushlab::sim::wire::http::testing;

TEST_CASE("a chunked response with an extension and a trailer field") {
  const std::string stream =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"  // 47 bytes
      "4\r\nWiki\r\n"                                          // data at 50
      "5;name=value\r\npedia\r\n"                              // data at 70
      "E\r\n in\r\n\r\nchunks.\r\n"                            // data at 80, 14 bytes
      "0\r\n"
      "Expires: Wed, 21 Oct 2015 07:28:00 GMT\r\n"
      "\r\n";
  CHECK(describe_responses(stream) ==
        "head @0+47 HTTP/1.1 200 OK [Transfer-Encoding: chunked]\n"
        "body @50 Wiki\n"
        "body @70 pedia\n"
        "body @80  in\\r\\n\\r\\nchunks.\n"
        "end @141 [Expires: Wed, 21 Oct 2015 07:28:00 GMT]\n");
}

TEST_CASE("chunk sizes in either case with leading zeros, spaced extensions, bare LF framing") {
  const std::string stream =
      "POST /up HTTP/1.1\r\nTransfer-Encoding: gzip, CHUNKED\r\n\r\n"  // 55 bytes
      "000A\r\n0123456789\r\n"
      "1 ; a=b ;c=\"x y\"\r\nX\r\n"
      "1\nY\n"
      "0\n\n";
  CHECK(describe_requests(stream) ==
        "head @0+55 POST /up HTTP/1.1 [Transfer-Encoding: gzip, CHUNKED]\n"
        "body @61 0123456789\n"
        "body @91 X\n"
        "body @96 Y\n"
        "end @101\n");
}

TEST_CASE("a chunked message is followed directly by the next one") {
  const std::string stream =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"  // 59 bytes
      "HTTP/1.1 204 No Content\r\n\r\n";
  CHECK(describe_responses(stream) ==
        "head @0+47 HTTP/1.1 200 OK [Transfer-Encoding: chunked]\nbody @50 hi\nend @59\n"
        "head @59+27 HTTP/1.1 204 No Content\nend @86\n");
}

TEST_CASE("an empty chunked body, and Transfer-Encoding spread over two fields") {
  CHECK(describe_requests("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n") ==
        "head @0+72 POST / HTTP/1.1 [Transfer-Encoding: gzip] [Transfer-Encoding: chunked]\n"
        "end @77\n");
}

TEST_CASE("the body events of a chunk follow the bytes as they arrive") {
  RequestParser parser;
  EventLog<Request> log;
  parser.feed(to_bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n01234"));
  drain(parser, log);
  parser.feed(to_bytes("56789\r\n0\r\n\r\n"));
  // Not through record(), which joins neighbours: the two pieces must come as they arrived.
  std::vector<BodyData> pieces;
  for (const auto& event : log.events) {
    if (auto* body = std::get_if<BodyData>(&event)) pieces.push_back(*body);
  }
  while (auto event = parser.next()) {
    if (auto* body = std::get_if<BodyData>(&*event)) pieces.push_back(*body);
  }
  REQUIRE(pieces.size() == 2);
  CHECK(pieces[0] == BodyData{to_bytes("01234"), 50});
  CHECK(pieces[1] == BodyData{to_bytes("56789"), 55});
}
