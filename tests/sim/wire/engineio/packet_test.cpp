#include "sim/wire/engineio/packet.hpp"

#include <doctest/doctest.h>

#include "sim/wire/engineio/payload.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::engineio;

namespace {

const Bytes kOneToFour = {0x01, 0x02, 0x03, 0x04};

Packet decoded(std::string_view text) {
  auto result = decode_text_packet(text);
  REQUIRE(std::holds_alternative<Packet>(result));
  return std::get<Packet>(result);
}

DecodeError failure(std::string_view text) {
  auto result = decode_text_packet(text);
  REQUIRE(std::holds_alternative<DecodeError>(result));
  return std::get<DecodeError>(result);
}

}  // namespace

TEST_CASE("engine.io: a text packet is its type digit and its data") {
  CHECK(encode_polling_packet(Packet::text(PacketType::message, "hello")) == "4hello");
  CHECK(encode_polling_packet(Packet::text(PacketType::ping)) == "2");
  CHECK(encode_polling_packet(Packet::text(PacketType::ping, "probe")) == "2probe");
  CHECK(encode_polling_packet(Packet::text(PacketType::pong, "probe")) == "3probe");
  CHECK(encode_polling_packet(Packet::text(PacketType::upgrade)) == "5");
  CHECK(encode_polling_packet(Packet::text(PacketType::noop)) == "6");
  CHECK(encode_polling_packet(Packet::text(PacketType::close)) == "1");
}

TEST_CASE("engine.io: binary is 'b' and base64 over polling, raw bytes over WebSocket") {
  const Packet binary = Packet::binary_message(kOneToFour);
  CHECK(encode_polling_packet(binary) == "bAQIDBA==");
  const WebSocketPayload frame = encode_websocket_packet(binary);
  CHECK(frame.binary);
  CHECK(frame.bytes == std::string("\x01\x02\x03\x04", 4));
  const WebSocketPayload text = encode_websocket_packet(Packet::text(PacketType::message, "hi"));
  CHECK_FALSE(text.binary);
  CHECK(text.bytes == "4hi");
}

TEST_CASE("engine.io: decoding gives back what was encoded") {
  CHECK(decoded("4hello") == Packet::text(PacketType::message, "hello"));
  CHECK(decoded("2probe") == Packet::text(PacketType::ping, "probe"));
  CHECK(decoded("6") == Packet::text(PacketType::noop));
  CHECK(decoded("bAQIDBA==") == Packet::binary_message(kOneToFour));
  // The 'b' stands for "binary message"; the rest may look like anything.
  CHECK(decoded("b") == Packet::binary_message({}));
}

TEST_CASE("engine.io: any binary WebSocket frame is a message, text frames are text packets") {
  auto from_binary = decode_websocket_packet("4abc", true);
  REQUIRE(std::holds_alternative<Packet>(from_binary));
  CHECK(std::get<Packet>(from_binary) == Packet::binary_message(to_bytes("4abc")));
  auto from_text = decode_websocket_packet("3probe", false);
  REQUIRE(std::holds_alternative<Packet>(from_text));
  CHECK(std::get<Packet>(from_text) == Packet::text(PacketType::pong, "probe"));
}

TEST_CASE("engine.io: unknown types, empty packets and bad base64 are errors at their byte") {
  CHECK(failure("").reason.find("empty") != std::string::npos);
  const DecodeError seven = failure("7x");
  CHECK(seven.offset == 0);
  CHECK(seven.reason.find("'7'") != std::string::npos);
  CHECK(failure("abc").reason.find("'a'") != std::string::npos);
  CHECK(failure("b!!!").offset == 1);
  CHECK(std::get<DecodeError>(decode_text_packet("x", 40)).offset == 40);
}

TEST_CASE("engine.io: a payload joins packets with 0x1E and reads back") {
  const std::vector<Packet> packets = {Packet::text(PacketType::message, "hello"),
                                       Packet::text(PacketType::ping),
                                       Packet::text(PacketType::message, "world")};
  const std::string body = encode_payload(packets);
  CHECK(body ==
        "4hello\x1e"
        "2\x1e"
        "4world");
  const DecodedPayload read = decode_payload(body);
  CHECK_FALSE(read.error);
  CHECK(read.packets == packets);
  REQUIRE(read.spans.size() == 3);
  CHECK(read.spans[1].first_byte == 7);
  CHECK(read.spans[1].byte_count == 1);
  CHECK(encode_payload(
            {Packet::text(PacketType::message, "hello"), Packet::binary_message(kOneToFour)}) ==
        "4hello\x1e"
        "bAQIDBA==");
  CHECK(encode_payload({}).empty());
}

TEST_CASE("engine.io: a payload keeps the packets before the first bad one") {
  const DecodedPayload read = decode_payload(
      "4a\x1e"
      "9b\x1e"
      "4c");
  REQUIRE(read.error);
  CHECK(read.error->offset == 3);
  CHECK(read.packets == std::vector<Packet>{Packet::text(PacketType::message, "a")});
  // A trailing separator leaves an empty packet, which the reference reads as an error too.
  const DecodedPayload trailing = decode_payload("4a\x1e");
  REQUIRE(trailing.error);
  CHECK(trailing.error->offset == 3);
  CHECK(decode_payload("").error);
}
