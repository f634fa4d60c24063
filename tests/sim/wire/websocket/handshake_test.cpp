#include "sim/wire/websocket/handshake.hpp"

#include <doctest/doctest.h>

#include "sim/wire/hex.hpp"
#include "sim/wire/http/serialize.hpp"
#include "tests/support/handshake_rejections.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::websocket;

namespace {

constexpr std::string_view kRfcKey = "dGhlIHNhbXBsZSBub25jZQ==";

HandshakeRequestOptions rfc_options() {
  return {.host = "server.example.com",
          .target = "/chat",
          .origin = "http://example.com",
          .protocols = {"chat", "superchat"},
          .extra_fields = {}};
}

http::Request valid_request() {
  return pushlab::testing::valid_handshake_request();
}

}  // namespace

TEST_CASE("RFC 6455 section 1.3: the accept value of the sample nonce") {
  const AcceptComputation steps = compute_accept(kRfcKey);
  CHECK(steps.key_and_guid == "dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
  CHECK(to_hex(steps.sha1, "") == "b37a4f2cc0624f1690f64606cf385945b2bec4ea");
  CHECK(steps.accept == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST_CASE("RFC 6455 section 1.2: the handshake example byte for byte") {
  CHECK(as_text(http::serialize(valid_request())) ==
        "GET /chat HTTP/1.1\r\n"
        "Host: server.example.com\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Origin: http://example.com\r\n"
        "Sec-WebSocket-Protocol: chat, superchat\r\n"
        "Sec-WebSocket-Version: 13\r\n"
        "\r\n");
  CHECK(as_text(http::serialize(handshake_response(kRfcKey, std::string("chat")))) ==
        "HTTP/1.1 101 Switching Protocols\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
        "Sec-WebSocket-Protocol: chat\r\n"
        "\r\n");
}

TEST_CASE("a key is the base64 of its 16-byte nonce, random keys differ and are valid") {
  KeyNonce nonce{};
  for (std::size_t i = 0; i < nonce.size(); ++i) nonce[i] = static_cast<std::uint8_t>(i + 1);
  CHECK(make_key(nonce) == "AQIDBAUGBwgJCgsMDQ4PEA==");
  const std::string first = random_key();
  const std::string second = random_key();
  CHECK(first != second);
  CHECK_FALSE(check_handshake_request(handshake_request(first, rfc_options())).has_value());
}

TEST_CASE("a server accepts the RFC's request and each variation it must tolerate") {
  CHECK_FALSE(check_handshake_request(valid_request()).has_value());
  http::Request mixed_case = valid_request();
  mixed_case.fields.set("Upgrade", "WebSocket");
  mixed_case.fields.set("Connection", "keep-alive, upgrade");
  CHECK_FALSE(check_handshake_request(mixed_case).has_value());
}

TEST_CASE("a server refuses each broken request with the status the RFC asks for") {
  for (const pushlab::testing::HandshakeRejection& c : pushlab::testing::handshake_rejections()) {
    CAPTURE(c.name);
    http::Request request = valid_request();
    c.change(request);
    const auto problem = check_handshake_request(request);
    REQUIRE(problem.has_value());
    CHECK(problem->status == c.status);
    CHECK(problem->reason == c.reason);
  }
}

TEST_CASE("a 426 rejection names the supported version (section 4.4)") {
  const http::Response response = handshake_rejection({426, "Sec-WebSocket-Version is not 13"});
  CHECK(response.status == 426);
  CHECK(response.reason == "Upgrade Required");
  REQUIRE(response.fields.find("Sec-WebSocket-Version") != nullptr);
  CHECK(*response.fields.find("Sec-WebSocket-Version") == "13");
  CHECK(as_text(response.body) == "Sec-WebSocket-Version is not 13\n");
  CHECK(handshake_rejection({400, "x"}).fields.find("Sec-WebSocket-Version") == nullptr);
}

TEST_CASE("a client accepts the matching 101 and fails every other answer") {
  const std::vector<std::string> offered{"chat", "superchat"};
  CHECK_FALSE(
      check_handshake_response(handshake_response(kRfcKey, std::string("chat")), kRfcKey, offered)
          .has_value());
  CHECK_FALSE(check_handshake_response(handshake_response(kRfcKey), kRfcKey).has_value());

  CHECK(check_handshake_response(http::make_response(200), kRfcKey) ==
        "the server answered 200 OK, not 101 Switching Protocols");
  http::Response wrong_accept = handshake_response("AQIDBAUGBwgJCgsMDQ4PEA==");
  CHECK(check_handshake_response(wrong_accept, kRfcKey) ==
        "Sec-WebSocket-Accept is " + compute_accept("AQIDBAUGBwgJCgsMDQ4PEA==").accept +
            ", expected s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  http::Response stripped = handshake_response(kRfcKey);
  stripped.fields.remove("Upgrade");
  CHECK(check_handshake_response(stripped, kRfcKey) ==
        "Upgrade header field does not contain \"websocket\"");
  http::Response no_accept = handshake_response(kRfcKey);
  no_accept.fields.remove("Sec-WebSocket-Accept");
  CHECK(check_handshake_response(no_accept, kRfcKey) == "no Sec-WebSocket-Accept header field");
  http::Response extension = handshake_response(kRfcKey);
  extension.fields.add("Sec-WebSocket-Extensions", "permessage-deflate");
  CHECK(check_handshake_response(extension, kRfcKey) ==
        "the server chose an extension the client did not offer");
  CHECK(check_handshake_response(handshake_response(kRfcKey, std::string("mqtt")), kRfcKey,
                                 offered) ==
        "the server chose subprotocol \"mqtt\", which the client did not offer");
}
