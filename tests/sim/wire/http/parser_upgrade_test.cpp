// After an upgrade the connection carries another protocol: the parser stops reading HTTP and
// hands every later byte over untouched.
#include <doctest/doctest.h>

#include <string>

#include "sim/wire/http/parser.hpp"
#include "tests/sim/wire/http/event_log.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::http;
using namespace pushlab::sim::wire::http::testing;

namespace {

// The opening handshake of RFC 6455 section 1.2 and 1.3.
const std::string kHandshakeRequest =
    "GET /chat HTTP/1.1\r\n"
    "Host: server.example.com\r\n"
    "Upgrade: websocket\r\n"
    "Connection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Origin: http://example.com\r\n"
    "Sec-WebSocket-Protocol: chat, superchat\r\n"
    "Sec-WebSocket-Version: 13\r\n"
    "\r\n";  // 230 bytes
const std::string kHandshakeResponse =
    "HTTP/1.1 101 Switching Protocols\r\n"
    "Upgrade: websocket\r\n"
    "Connection: Upgrade\r\n"
    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
    "Sec-WebSocket-Protocol: chat\r\n"
    "\r\n";  // 159 bytes

// RFC 6455 section 5.7: "Hello" in one unmasked frame, and in one masked frame.
const Bytes kUnmaskedHello{0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};
const Bytes kMaskedHello{0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58};

}  // namespace

TEST_CASE(
    "after 101 Switching Protocols every byte is handed over, even ones that look like HTTP") {
  Bytes stream = to_bytes(kHandshakeResponse);
  append(stream, kUnmaskedHello);
  append(stream, std::string_view("HTTP/1.1 200 OK\r\n\r\n"));
  ResponseParser parser;
  parser.expect_response_to("GET");
  parser.feed(stream);

  auto head = parser.next();
  REQUIRE(head.has_value());
  CHECK(std::get<Head<Response>>(*head).message.status == 101);
  CHECK(std::get<Head<Response>>(*head).size == 159);
  auto end = parser.next();
  REQUIRE(end.has_value());
  CHECK(std::get<MessageEnd>(*end).offset == 159);

  CHECK_FALSE(parser.next().has_value());
  CHECK(parser.upgraded());
  CHECK_FALSE(parser.failed());
  CHECK(parser.upgraded_offset() == 159);
  Bytes expected = kUnmaskedHello;
  append(expected, std::string_view("HTTP/1.1 200 OK\r\n\r\n"));
  CHECK(parser.upgraded_bytes() == expected);

  CHECK(parser.take_upgraded_bytes() == expected);
  CHECK(parser.upgraded_bytes().empty());
  parser.feed(kUnmaskedHello);  // later bytes go the same way
  CHECK(parser.upgraded_bytes() == kUnmaskedHello);
  CHECK_FALSE(parser.next().has_value());
}

TEST_CASE("a server accepts an upgrade with mark_upgraded() when it sees the request's head") {
  Bytes stream = to_bytes(kHandshakeRequest);
  append(stream, kMaskedHello);
  RequestParser parser;
  parser.feed(stream);
  auto head = parser.next();
  REQUIRE(head.has_value());
  const Request& request = std::get<Head<Request>>(*head).message;
  REQUIRE(request.fields.has_token("Connection", "upgrade"));
  REQUIRE(request.fields.has_token("Upgrade", "websocket"));
  parser.mark_upgraded();
  CHECK_FALSE(parser.upgraded());  // the request itself still has to end

  auto end = parser.next();
  REQUIRE(end.has_value());
  CHECK(std::get<MessageEnd>(*end).offset == 230);
  CHECK(parser.upgraded());
  CHECK(parser.upgraded_offset() == 230);
  CHECK(parser.upgraded_bytes() == kMaskedHello);
  CHECK_FALSE(parser.next().has_value());
  CHECK_FALSE(parser.failed());
}

TEST_CASE("without mark_upgraded() the frame bytes are read as HTTP and refused") {
  Bytes stream = to_bytes(kHandshakeRequest);
  append(stream, kMaskedHello);
  append(stream, std::string_view("\r\n"));
  RequestParser parser;
  parser.feed(stream);
  while (parser.next()) {
  }
  REQUIRE(parser.failed());
  CHECK(parser.error()->reason == "bad request line: method is not a token");
  CHECK(parser.error()->offset == 230);
}

TEST_CASE("mark_upgraded() between messages takes effect at once, on bytes fed before and after") {
  RequestParser parser;
  parser.feed(to_bytes("GET / HTTP/1.1\r\n\r\n\x81"));
  REQUIRE(parser.next().has_value());
  REQUIRE(parser.next().has_value());
  parser.mark_upgraded();
  CHECK(parser.upgraded());
  CHECK(parser.upgraded_offset() == 18);
  parser.feed(Bytes{0x05});
  CHECK(parser.upgraded_bytes() == Bytes{0x81, 0x05});
  CHECK(parser.bytes_fed() == 20);
}

TEST_CASE("a request body is read before the upgrade takes effect") {
  RequestParser parser;
  parser.feed(to_bytes("POST /u HTTP/1.1\r\nUpgrade: x\r\nContent-Length: 3\r\n\r\nabcFRAMES"));
  REQUIRE(parser.next().has_value());
  parser.mark_upgraded();
  auto body = parser.next();
  REQUIRE(body.has_value());
  CHECK(std::get<BodyData>(*body).data == to_bytes("abc"));
  REQUIRE(parser.next().has_value());
  CHECK(parser.upgraded_bytes() == to_bytes("FRAMES"));
}

TEST_CASE("a 2xx answer to CONNECT opens a tunnel") {
  ResponseParser parser;
  parser.expect_response_to("CONNECT");
  parser.feed(to_bytes("HTTP/1.1 200 Connection Established\r\n\r\n\x16\x03\x01"));
  EventLog<Response> log;
  drain(parser, log);
  CHECK(describe(log) == "head @0+39 HTTP/1.1 200 Connection Established\nend @39\n");
  CHECK(parser.upgraded());
  CHECK(parser.upgraded_bytes() == Bytes{0x16, 0x03, 0x01});
}

TEST_CASE("a refused upgrade leaves the connection in HTTP") {
  const std::string stream =
      "HTTP/1.1 426 Upgrade Required\r\nContent-Length: 0\r\n\r\n"
      "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  CHECK(describe_responses(stream) ==
        "head @0+52 HTTP/1.1 426 Upgrade Required [Content-Length: 0]\nend @52\n"
        "head @52+38 HTTP/1.1 200 OK [Content-Length: 0]\nend @90\n");
}
