#include "sim/wire/engineio/socketio_packet.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::socketio;

namespace {

Packet decoded(std::string_view text) {
  auto result = decode(text);
  INFO(text);
  REQUIRE(std::holds_alternative<Packet>(result));
  return std::get<Packet>(result);
}

bool refused(std::string_view text, DecoderLimits limits = {}) {
  return std::holds_alternative<DecodeError>(decode(text, limits));
}

}  // namespace

TEST_CASE("socket.io: packets as the protocol's examples write them") {
  CHECK(encode({.type = PacketType::connect}) == "0");
  CHECK(encode({.type = PacketType::connect, .nsp = "/admin", .data = R"({"token":"123"})"}) ==
        R"(0/admin,{"token":"123"})");
  CHECK(encode({.type = PacketType::connect, .data = R"({"sid":"wZX3oN0bSVIhsaknAAAI"})"}) ==
        R"(0{"sid":"wZX3oN0bSVIhsaknAAAI"})");
  CHECK(encode({.type = PacketType::disconnect, .nsp = "/admin"}) == "1/admin,");
  CHECK(encode({.type = PacketType::event, .id = 12, .data = R"(["foo"])"}) == R"(212["foo"])");
  CHECK(encode({.type = PacketType::ack, .nsp = "/admin", .id = 13, .data = R"(["bar"])"}) ==
        R"(3/admin,13["bar"])");
  CHECK(encode({.type = PacketType::binary_event,
                .attachments = 1,
                .data = R"(["baz",{"_placeholder":true,"num":0}])"}) ==
        R"(51-["baz",{"_placeholder":true,"num":0}])");
}

TEST_CASE("socket.io: a message event is 2 and a JSON array, quotes and control bytes escaped") {
  CHECK(encode(message_event("message", "hi")) == R"(2["message","hi"])");
  CHECK(encode(message_event("chat", "say \"hi\"\n")) == R"(2["chat","say \"hi\"\n"])");
  CHECK(encode(message_event("m", "caf\xc3\xa9")) == "2[\"m\",\"caf\xc3\xa9\"]");  // not \u00e9
}

TEST_CASE("socket.io: decoding reads every part back") {
  const Packet ack = decoded(R"(3/admin,13["bar"])");
  CHECK(ack.type == PacketType::ack);
  CHECK(ack.nsp == "/admin");
  CHECK(ack.id == 13);
  CHECK(ack.data == R"(["bar"])");
  const Packet binary = decoded(R"(61-15["bar",{"_placeholder":true,"num":0}])");
  CHECK(binary.type == PacketType::binary_ack);
  CHECK(binary.attachments == 1);
  CHECK(binary.id == 15);
  CHECK(binary.nsp == "/");
  CHECK(decoded("0").data == std::nullopt);
  CHECK(decoded("1/admin,").nsp == "/admin");
  CHECK(decoded("0/admin").nsp == "/admin");  // no comma at the end: the namespace runs to it
  CHECK(decoded(R"(4/random,{"message":"Invalid namespace"})").type == PacketType::connect_error);
  CHECK(decoded(R"(4"not allowed")").type == PacketType::connect_error);
  CHECK(decoded(R"(2[42])").type == PacketType::event);  // an event may be named by a number
  for (const std::string_view text :
       {"0", R"(0/admin,{"token":"123"})", R"(212["foo"])", R"(3/admin,13["bar"])",
        R"(51-["baz",{"_placeholder":true,"num":0}])"}) {
    CHECK(encode(decoded(text)) == text);
  }
}

TEST_CASE("socket.io: what socket.io-parser refuses") {
  CHECK(refused(""));
  CHECK(refused("7"));
  CHECK(refused("x"));
  CHECK(refused("abc"));              // the protocol suite's invalid handshake "4abc" after the 4
  CHECK(refused("2{}"));              // an event must be an array
  CHECK(refused("2abc[\"x\"]"));      // not JSON
  CHECK(refused("2[]"));              // an event needs a name
  CHECK(refused(R"(2[{}])"));         // ... a string or a number
  CHECK(refused(R"(2["connect"])"));  // reserved names
  CHECK(refused(R"(2["disconnecting"])"));
  CHECK(refused(R"(0["x"])"));     // CONNECT takes an object
  CHECK(refused(R"(1{})"));        // DISCONNECT takes nothing
  CHECK(refused(R"(3{})"));        // ACK takes an array
  CHECK(refused(R"(4[])"));        // CONNECT_ERROR a string or an object
  CHECK(refused(R"(5["x"])"));     // no attachment count
  CHECK(refused(R"(5-["x"])"));    // an empty count
  CHECK(refused(R"(50-["x"])"));   // a binary packet has at least one attachment
  CHECK(refused(R"(511-["x"])"));  // more than 10 attachments
  CHECK_FALSE(refused(R"(510-["x"])"));
  CHECK(refused(R"(52-["x"])", {.max_attachments = 1}));
  CHECK(refused(R"(29007199254740992["x"])"));  // 2^53 is past JavaScript's exact integers
  CHECK_FALSE(refused(R"(29007199254740991["x"])"));
}

TEST_CASE("socket.io: an error says where") {
  auto result = decode(R"(3/admin,13{})");
  REQUIRE(std::holds_alternative<DecodeError>(result));
  CHECK(std::get<DecodeError>(result).offset == 10);
  CHECK(std::get<DecodeError>(result).reason.find("ACK") != std::string::npos);
}
