// A parser must report the same thing however the stream is split into feeds: every byte on its
// own, and every cut into two parts.
#include <doctest/doctest.h>

#include <string>

#include "sim/wire/http/parser.hpp"
#include "tests/sim/wire/http/event_log.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::http;
using namespace pushlab::sim::wire::http::testing;

namespace {

// Checks that every split of `stream` gives `expected`, which the caller worked out by hand.
template <class Parser>
void check_every_split(const Parser& parser, const Bytes& stream, bool finish,
                       const std::string& expected, const EventHook<Parser>& hook = {}) {
  const auto whole = parse_whole(parser, stream, finish, hook);
  CHECK(describe(whole) == expected);
  CHECK(same(parse_bytewise(parser, stream, finish, hook), whole));
  for (std::size_t cut = 1; cut < stream.size(); ++cut) {
    CAPTURE(cut);
    const std::size_t cuts[] = {cut};
    const auto split = parse_in_pieces(parser, stream, cuts, finish, hook);
    CHECK(same(split, whole));
    if (!same(split, whole)) CHECK(describe(split) == expected);  // shows the difference
  }
}

void accept_upgrades(RequestParser& parser, const RequestEvent& event) {
  const auto* head = std::get_if<Head<Request>>(&event);
  if (head && head->message.fields.has_token("Upgrade", "websocket")) parser.mark_upgraded();
}

}  // namespace

TEST_CASE("pipelined requests: plain, with a body, chunked with a trailer, HTTP/1.0 with LFs") {
  const std::string stream =
      "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
      "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n"
      "\r\nGET /d HTTP/1.0\n\n";
  check_every_split(RequestParser{}, to_bytes(stream), true,
                    "head @0+28 GET /a HTTP/1.1 [Host: x]\n"
                    "end @28\n"
                    "head @28+48 POST /b HTTP/1.1 [Host: x] [Content-Length: 5]\n"
                    "body @76 hello\n"
                    "end @81\n"
                    "head @81+48 POST /c HTTP/1.1 [Transfer-Encoding: chunked]\n"
                    "body @138 abc\n"
                    "body @146 de\n"
                    "end @165 [X-Sum: 5]\n"
                    "head @167+17 GET /d HTTP/1.0\n"
                    "end @184\n");
}

TEST_CASE("responses: to HEAD, interim, 204, 304, chunked, then one read until close") {
  const std::string stream =
      "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"  // to HEAD
      "HTTP/1.1 100 Continue\r\n\r\n"
      "HTTP/1.1 204 No Content\r\n\r\n"
      "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n"
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
      "HTTP/1.0 200 OK\r\n\r\nuntil close";
  ResponseParser parser;
  for (const char* method : {"HEAD", "POST", "GET", "GET", "GET"})
    parser.expect_response_to(method);
  check_every_split(parser, to_bytes(stream), true,
                    "head @0+41 HTTP/1.1 200 OK [Content-Length: 1234]\nend @41\n"
                    "head @41+25 HTTP/1.1 100 Continue\nend @66\n"
                    "head @66+27 HTTP/1.1 204 No Content\nend @93\n"
                    "head @93+49 HTTP/1.1 304 Not Modified [Content-Length: 99]\nend @142\n"
                    "head @142+47 HTTP/1.1 200 OK [Transfer-Encoding: chunked]\n"
                    "body @192 hello\nend @204\n"
                    "head @204+19 HTTP/1.0 200 OK\nbody @223 until close\nend @234\n");
}

TEST_CASE("an error late in a stream is found at the same byte") {
  const std::string stream =
      "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /b HTTP/1.1\r\nX: a\rb\r\n\r\n";
  check_every_split(RequestParser{}, to_bytes(stream), false,
                    "head @0+28 GET /a HTTP/1.1 [Host: x]\nend @28\nerror @49 bare CR\n");
}

TEST_CASE("an error in a chunked body is found at the same byte") {
  const std::string stream =
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"
      "2\r\nde\r\nfffffffffffffffff\r\n";  // 17 digits: the last one overflows 64 bits
  check_every_split(RequestParser{}, to_bytes(stream), false,
                    "head @0+47 POST / HTTP/1.1 [Transfer-Encoding: chunked]\n"
                    "body @50 abc\nbody @58 de\nerror @78 bad chunk size\n");
}

TEST_CASE("the bytes after 101 are the same however they arrive") {
  Bytes stream = to_bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
  append(stream, Bytes{0x81, 0x02, 'h', 'i', 0x88, 0x00});
  check_every_split(ResponseParser{}, stream, false,
                    "head @0+56 HTTP/1.1 101 Switching Protocols [Upgrade: websocket]\nend @56\n"
                    "upgraded @56 \\x81\\x02hi\\x88\\x00\n");
}

TEST_CASE("an accepted upgrade request: the frames after it are the same however they arrive") {
  Bytes stream = to_bytes("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n");
  append(stream, Bytes{0x81, 0x80, 1, 2, 3, 4});
  check_every_split(RequestParser{}, stream, true,
                    "head @0+40 GET /ws HTTP/1.1 [Upgrade: websocket]\nend @40\n"
                    "upgraded @40 \\x81\\x80\\x01\\x02\\x03\\x04\n",
                    EventHook<RequestParser>(accept_upgrades));
}
