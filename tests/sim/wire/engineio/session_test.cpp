#include "sim/wire/engineio/session.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::engineio;

TEST_CASE("engine.io: the open packet's JSON has the reference server's keys, in its order") {
  const OpenInfo info{.sid = "lv_VI97HAXpY6yYWAAAC"};
  const std::string json = encode_open(info);
  CHECK(json == R"({"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,)"
                R"("pingTimeout":20000,"maxPayload":1000000})");
  // "0" + this is the 118-byte body of the reference server's handshake response.
  CHECK(json.size() + 1 == 118);
  OpenInfo websocket_first = info;
  websocket_first.upgrades.clear();
  CHECK(encode_open(websocket_first).find(R"("upgrades":[],)") != std::string::npos);
}

TEST_CASE("engine.io: a client reads the open packet back, and refuses one it cannot use") {
  const OpenInfo info{.sid = "abc",
                      .upgrades = {"websocket"},
                      .ping_interval_ms = 300,
                      .ping_timeout_ms = 200,
                      .max_payload = 1000000};
  auto read = decode_open(encode_open(info));
  REQUIRE(std::holds_alternative<OpenInfo>(read));
  CHECK(std::get<OpenInfo>(read) == info);
  // Extra keys are ignored, as engine.io-client ignores them.
  CHECK(std::holds_alternative<OpenInfo>(decode_open(
      R"({"sid":"a","upgrades":[],"pingInterval":1,"pingTimeout":1,"maxPayload":1,"x":true})")));
  CHECK(std::holds_alternative<DecodeError>(decode_open("not json")));
  CHECK(std::holds_alternative<DecodeError>(decode_open("[]")));
  CHECK(std::holds_alternative<DecodeError>(
      decode_open(R"({"sid":1,"upgrades":[],"pingInterval":1,"pingTimeout":1,"maxPayload":1})")));
  CHECK(std::holds_alternative<DecodeError>(decode_open(
      R"({"sid":"a","upgrades":[],"pingInterval":-1,"pingTimeout":1,"maxPayload":1})")));
  CHECK(std::holds_alternative<DecodeError>(decode_open(
      R"({"sid":"a","upgrades":[3],"pingInterval":1,"pingTimeout":1,"maxPayload":1})")));
  CHECK(std::holds_alternative<DecodeError>(
      decode_open(R"({"sid":"a","upgrades":[],"pingInterval":1,"pingTimeout":1})")));
}

TEST_CASE("engine.io: a sid is 20 characters of URL-safe base64 ending in the counter") {
  SidNonce random{};
  random.fill(0xff);  // base64 "////" which the sid writes "____"
  const std::string third = make_sid(random, 2);
  CHECK(third.size() == 20);
  CHECK(third == "________________AAAC");
  random.fill(0xfb);  // 0xfbfbfb is base64 "+/v7"
  CHECK(make_sid(random, 1).substr(0, 4) == "-_v7");
  CHECK(make_sid(random, 0x01000001).substr(16) == "AAAB");  // only the low 3 bytes count
}

TEST_CASE("engine.io: error bodies are the reference server's, with their statuses") {
  CHECK(error_body(ErrorCode::unknown_sid) == R"({"code":1,"message":"Session ID unknown"})");
  CHECK(error_body(ErrorCode::unknown_transport) == R"({"code":0,"message":"Transport unknown"})");
  CHECK(error_body(ErrorCode::bad_handshake_method) ==
        R"({"code":2,"message":"Bad handshake method"})");
  CHECK(error_body(ErrorCode::bad_request) == R"({"code":3,"message":"Bad request"})");
  CHECK(error_body(ErrorCode::unsupported_protocol_version) ==
        R"({"code":5,"message":"Unsupported protocol version"})");
  CHECK(error_status(ErrorCode::forbidden) == 403);
  CHECK(error_status(ErrorCode::unknown_sid) == 400);
}

TEST_CASE("engine.io session: requests are refused in the reference server's order") {
  using pushlab::sim::wire::engineio::ErrorCode;
  using pushlab::sim::wire::engineio::refusal;
  using pushlab::sim::wire::engineio::RequestFacts;
  const RequestFacts handshake{.method = "GET", .transport = "polling", .eio = "4"};
  CHECK_FALSE(refusal(handshake).has_value());
  RequestFacts bad = handshake;
  bad.transport = "flash";
  bad.sid = "nosuch";  // the transport is checked before the sid
  CHECK(refusal(bad) == ErrorCode::unknown_transport);
  bad = handshake;
  bad.sid = "nosuch";
  CHECK(refusal(bad) == ErrorCode::unknown_sid);
  bad.session_transport = "websocket";  // after the upgrade, polling is a mismatch
  CHECK(refusal(bad) == ErrorCode::bad_request);
  bad.session_transport = "polling";
  CHECK_FALSE(refusal(bad).has_value());
  bad = handshake;
  bad.method = "POST";
  CHECK(refusal(bad) == ErrorCode::bad_handshake_method);
  bad = handshake;
  bad.transport = "websocket";  // a WebSocket handshake whose Upgrade a proxy stripped
  CHECK(refusal(bad) == ErrorCode::bad_request);
  bad.upgrade = true;
  CHECK_FALSE(refusal(bad).has_value());
  bad = handshake;
  bad.eio = "3";
  CHECK(refusal(bad) == ErrorCode::unsupported_protocol_version);
  // The probe of a polling session: a WebSocket with its sid, with Upgrade.
  const RequestFacts probe{.method = "GET",
                           .transport = "websocket",
                           .eio = "4",
                           .sid = "S",
                           .upgrade = true,
                           .session_transport = "polling"};
  CHECK_FALSE(refusal(probe).has_value());
}
