// Our Engine.IO and Socket.IO codec beside the reference libraries (npm's engine.io-parser,
// socket.io-parser and engine.io, pinned by tests/node/package-lock.json): the same packets
// must give the same bytes, and what one side writes the other must read back the same. The
// reference side is tests/node/reference_codec.mjs, run once with every case.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "sim/wire/engineio/payload.hpp"
#include "sim/wire/engineio/session.hpp"
#include "sim/wire/engineio/socketio_packet.hpp"
#include "sim/wire/hex.hpp"
#include "tests/apps/run_program.hpp"

using namespace pushlab::sim::wire;
using nlohmann::json;

namespace {

using engineio::Packet;
using engineio::PacketType;

json to_json(const Packet& packet) {
  if (packet.binary)
    return {{"type", "message"}, {"binary_hex", to_hex(to_bytes(packet.data), "")}};
  json out = {{"type", std::string(engineio::packet_type_name(packet.type))}};
  if (!packet.data.empty()) out["data"] = packet.data;
  return out;
}

const std::vector<Packet>& engineio_packets() {
  static const std::vector<Packet> packets = [] {
    std::vector<Packet> all;
    for (int type = 0; type <= 6; ++type) {
      all.push_back(Packet::text(static_cast<PacketType>(type)));
      all.push_back(Packet::text(static_cast<PacketType>(type), "probe"));
    }
    all.push_back(Packet::text(PacketType::message, "caf\xc3\xa9 \xf0\x9f\x99\x82"));
    all.push_back(Packet::text(PacketType::message, R"(2["message","hi"])"));
    all.push_back(Packet::binary_message(Bytes{}));
    all.push_back(Packet::binary_message(Bytes{0x01, 0x02, 0x03, 0x04}));
    Bytes every_byte(256);
    for (int i = 0; i < 256; ++i)
      every_byte[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
    all.push_back(Packet::binary_message(every_byte));
    return all;
  }();
  return packets;
}

const std::vector<std::vector<Packet>>& engineio_payloads() {
  static const std::vector<std::vector<Packet>> payloads = {
      {Packet::text(PacketType::message, "hello")},
      {Packet::text(PacketType::message, "test1"), Packet::text(PacketType::message, "test2"),
       Packet::text(PacketType::message, "test3")},
      {Packet::text(PacketType::message, "hello"),
       Packet::binary_message(Bytes{0x01, 0x02, 0x03, 0x04})},
      {Packet::text(PacketType::ping), Packet::text(PacketType::noop),
       Packet::text(PacketType::close)},
  };
  return payloads;
}

// Bodies that do not decode, beside good ones, for the readers to agree on where they stop.
const std::vector<std::string> kBadBodies = {"",
                                             "9",
                                             "4a\x1e",
                                             "4a\x1e\x1e"
                                             "4b",
                                             "x4a",
                                             "4a\x1e"
                                             "7"};

const std::vector<socketio::Packet>& socketio_packets() {
  using socketio::PacketType;
  static const std::vector<socketio::Packet> packets = {
      {.type = PacketType::connect},
      {.type = PacketType::connect, .nsp = "/admin", .data = R"({"token":"123"})"},
      {.type = PacketType::connect, .data = R"({"sid":"wZX3oN0bSVIhsaknAAAI"})"},
      {.type = PacketType::disconnect},
      {.type = PacketType::disconnect, .nsp = "/admin"},
      {.type = PacketType::event, .data = R"(["foo"])"},
      {.type = PacketType::event,
       .nsp = "/admin",
       .id = 12,
       .data = R"(["bar",1,{"a":[true,null]}])"},
      {.type = PacketType::ack, .nsp = "/admin", .id = 13, .data = R"(["bar"])"},
      {.type = PacketType::connect_error, .data = R"({"message":"Not authorized"})"},
      {.type = PacketType::connect_error, .nsp = "/random", .data = R"("Invalid namespace")"},
      socketio::message_event("message", "hi"),
      socketio::message_event("message", "say \"hi\" \\ / \b\f\n\r\t \x01\x1f\x7f"),
      socketio::message_event("message", "caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x99\x82 </script>"),
  };
  return packets;
}

json to_json(const socketio::Packet& packet) {
  json out = {{"type", static_cast<int>(packet.type)}, {"nsp", packet.nsp}};
  if (packet.id) out["id"] = *packet.id;
  if (packet.data) out["data"] = *packet.data;
  return out;
}

// Texts for both decoders. The first few are refused by ours and read by the reference only
// through JavaScript's coercions (documented in socketio_packet.hpp); they are checked apart.
const std::vector<std::string> kCoercedBySocketIoParser = {"", " ", R"(2  ["padded"] )"};
const std::vector<std::string> kSocketIoTexts = {"0",
                                                 "1",
                                                 "2",
                                                 R"(0/admin,{"token":"123"})",
                                                 R"(212["foo"])",
                                                 R"(3/admin,13["bar"])",
                                                 R"(4/random,{"message":"Invalid namespace"})",
                                                 R"(4"not allowed")",
                                                 R"(2[42])",
                                                 R"(51-["baz",{"_placeholder":true,"num":0}])",
                                                 R"(61-15["bar",{"_placeholder":true,"num":0}])",
                                                 R"(50-["x"])",
                                                 R"(5-["x"])",
                                                 "7",
                                                 "x",
                                                 "abc",
                                                 "2{}",
                                                 R"(2abc["x"])",
                                                 "2[]",
                                                 R"(2[{}])",
                                                 R"(2["connect"])",
                                                 R"(2["disconnecting"])",
                                                 R"(0["x"])",
                                                 R"(1{})",
                                                 R"(3{})",
                                                 R"(4[])",
                                                 R"(5["x"])",
                                                 R"(511-["x"])",
                                                 R"(510-["x"])",
                                                 "0/admin",
                                                 "1/admin,"};

json run_reference(const json& request) {
  const pushlab::testing::Run run =
      pushlab::testing::run_program("NODE_PATH=" PUSHLAB_NODE_MODULES " node " PUSHLAB_SOURCE_DIR
                                    "/tests/node/reference_codec.mjs",
                                    "", request.dump());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  return json::parse(run.out);
}

const json& reference() {
  static const json answer = [] {
    json request;
    for (const Packet& packet : engineio_packets())
      request["eio_packets"].push_back(to_json(packet));
    for (const auto& payload : engineio_payloads()) {
      json packets = json::array();
      for (const Packet& packet : payload) packets.push_back(to_json(packet));
      request["eio_payloads"].push_back(packets);
      request["eio_decode"].push_back(engineio::encode_payload(payload));
    }
    for (const std::string& body : kBadBodies) request["eio_decode"].push_back(body);
    for (const auto& packet : socketio_packets()) request["sio_packets"].push_back(to_json(packet));
    for (const std::string& text : kSocketIoTexts) request["sio_decode"].push_back(text);
    for (const std::string& text : kCoercedBySocketIoParser) request["sio_decode"].push_back(text);
    request["server"] = true;
    return run_reference(request);
  }();
  return answer;
}

// A Node http response's head and its body, de-chunked.
struct Response {
  std::string head;
  std::string body;
};

Response split_response(const std::string& raw) {
  const std::size_t end = raw.find("\r\n\r\n");
  REQUIRE(end != std::string::npos);
  Response response{raw.substr(0, end + 2), raw.substr(end + 4)};
  if (response.head.find("Transfer-Encoding: chunked") == std::string::npos) return response;
  std::string body;
  std::size_t at = 0;
  while (true) {
    const std::size_t line_end = response.body.find("\r\n", at);
    REQUIRE(line_end != std::string::npos);
    const std::size_t size = std::stoul(response.body.substr(at, line_end - at), nullptr, 16);
    if (size == 0) break;
    body += response.body.substr(line_end + 2, size);
    at = line_end + 2 + size + 2;
  }
  response.body = body;
  return response;
}

}  // namespace

TEST_CASE("engine.io reference: every packet encodes as engine.io-parser encodes it") {
  const json& theirs = reference()["eio_packets"];
  REQUIRE(theirs.size() == engineio_packets().size());
  for (std::size_t i = 0; i < theirs.size(); ++i) {
    const Packet& packet = engineio_packets()[i];
    CAPTURE(to_json(packet).dump());
    CHECK(engineio::encode_polling_packet(packet) == theirs[i]["polling"].get<std::string>());
    const engineio::WebSocketPayload frame = engineio::encode_websocket_packet(packet);
    CHECK(frame.binary == theirs[i]["websocket"]["binary"].get<bool>());
    CHECK(to_hex(to_bytes(frame.bytes), "") == theirs[i]["websocket"]["hex"].get<std::string>());
  }
}

TEST_CASE("engine.io reference: payloads join the same way and read back the same") {
  const json& joined = reference()["eio_payloads"];
  const json& read = reference()["eio_decode"];
  for (std::size_t i = 0; i < engineio_payloads().size(); ++i) {
    const auto& payload = engineio_payloads()[i];
    CHECK(engineio::encode_payload(payload) == joined[i].get<std::string>());
    json expected = json::array();
    for (const Packet& packet : payload) {
      json one = to_json(packet);
      if (!packet.binary && !one.contains("data")) one["data"] = "";
      expected.push_back(one);
    }
    CHECK(read[i] == expected);
  }
}

TEST_CASE("engine.io reference: a bad body stops both readers at the same packet") {
  const json& read = reference()["eio_decode"];
  for (std::size_t i = 0; i < kBadBodies.size(); ++i) {
    const json& theirs = read[engineio_payloads().size() + i];
    const engineio::DecodedPayload ours = engineio::decode_payload(kBadBodies[i]);
    CAPTURE(kBadBodies[i]);
    REQUIRE(!theirs.empty());
    CHECK(theirs.back()["type"] == "error");
    CHECK(ours.error.has_value());
    CHECK(ours.packets.size() == theirs.size() - 1);
  }
}

TEST_CASE("socket.io reference: every packet encodes as socket.io-parser encodes it") {
  const json& theirs = reference()["sio_packets"];
  REQUIRE(theirs.size() == socketio_packets().size());
  for (std::size_t i = 0; i < theirs.size(); ++i) {
    CAPTURE(to_json(socketio_packets()[i]).dump());
    CHECK(socketio::encode(socketio_packets()[i]) == theirs[i].get<std::string>());
  }
}

TEST_CASE("socket.io reference: both decoders accept and refuse the same texts, alike") {
  const json& theirs = reference()["sio_decode"];
  for (std::size_t i = 0; i < kSocketIoTexts.size(); ++i) {
    const std::string& text = kSocketIoTexts[i];
    CAPTURE(text);
    CAPTURE(theirs[i].dump());
    const auto ours = socketio::decode(text);
    REQUIRE(std::holds_alternative<socketio::Packet>(ours) == theirs[i]["ok"].get<bool>());
    if (!theirs[i]["ok"].get<bool>()) continue;
    const auto& packet = std::get<socketio::Packet>(ours);
    if (theirs[i].contains("waiting_for_attachments")) {
      CHECK(packet.attachments > 0);
      continue;
    }
    // The reference reports binary types by what they become once their attachments are in.
    int type = static_cast<int>(packet.type);
    if (packet.type == socketio::PacketType::binary_event) type = 2;
    if (packet.type == socketio::PacketType::binary_ack) type = 3;
    CHECK(type == theirs[i]["type"].get<int>());
    CHECK(packet.nsp == theirs[i]["nsp"].get<std::string>());
    CHECK(packet.id.has_value() == theirs[i].contains("id"));
    if (packet.id) CHECK(*packet.id == theirs[i]["id"].get<std::uint64_t>());
    CHECK(packet.data.has_value() == theirs[i].contains("data"));
    if (packet.data)
      CHECK(json::parse(*packet.data).dump() == theirs[i]["data"].get<std::string>());
  }
}

TEST_CASE("socket.io reference: the texts only JavaScript's coercions let through") {
  const json& theirs = reference()["sio_decode"];
  for (std::size_t i = 0; i < kCoercedBySocketIoParser.size(); ++i) {
    const std::string& text = kCoercedBySocketIoParser[i];
    CAPTURE(text);
    CHECK(theirs[kSocketIoTexts.size() + i]["ok"].get<bool>());
    CHECK(std::holds_alternative<DecodeError>(socketio::decode(text)));
  }
}

TEST_CASE("engine.io reference: the real server's handshake is our open packet") {
  const Response response = split_response(reference()["server"]["handshake"].get<std::string>());
  CHECK(
      response.head.starts_with("HTTP/1.1 200 OK\r\n"
                                "Content-Type: text/plain; charset=UTF-8\r\n"
                                "Content-Length: 118\r\n"
                                "cache-control: no-store\r\n"));
  REQUIRE(response.body.size() == 118);
  REQUIRE(response.body.starts_with("0"));
  const auto info = engineio::decode_open(response.body.substr(1));
  REQUIRE(std::holds_alternative<engineio::OpenInfo>(info));
  const std::string sid = std::get<engineio::OpenInfo>(info).sid;
  CHECK(sid.size() == 20);
  CHECK(sid.ends_with("AAAA"));  // the server's first session
  CHECK("0" + engineio::encode_open({.sid = sid}) == response.body);
}

TEST_CASE("engine.io reference: the real server refuses with our error bodies") {
  using engineio::ErrorCode;
  const std::vector<std::pair<const char*, ErrorCode>> cases = {
      {"unknown_sid", ErrorCode::unknown_sid},
      {"unknown_transport", ErrorCode::unknown_transport},
      {"bad_handshake_method", ErrorCode::bad_handshake_method},
      {"unsupported_protocol_version", ErrorCode::unsupported_protocol_version}};
  for (const auto& one_case : cases) {
    const char* name = one_case.first;  // clang 14 cannot capture a structured binding
    const ErrorCode code = one_case.second;
    CAPTURE(name);
    const Response response = split_response(reference()["server"][name].get<std::string>());
    CHECK(response.head.starts_with("HTTP/1.1 " + std::to_string(engineio::error_status(code)) +
                                    " Bad Request\r\nContent-Type: application/json\r\n"));
    CHECK(response.body == engineio::error_body(code));
  }
}
