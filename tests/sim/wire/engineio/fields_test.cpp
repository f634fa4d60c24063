#include "sim/wire/engineio/fields.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim::wire::engineio;

namespace {

// "layer name [first, count) value" per field, for comparing a whole breakdown at once.
std::vector<std::string> lines(const std::vector<PacketField>& fields) {
  std::vector<std::string> out;
  for (const PacketField& field : fields) {
    out.push_back(field.layer + " " + field.name + " [" + std::to_string(field.first_byte) + ", " +
                  std::to_string(field.byte_count) + ") " + field.value);
  }
  return out;
}

}  // namespace

TEST_CASE("engine.io fields: a polling body's packets and separators, each at its bytes") {
  CHECK(lines(payload_fields("4hello\x1e"
                             "2\x1e"
                             "bAQIDBA==",
                             false)) ==
        std::vector<std::string>{
            "Engine.IO packet type [0, 1) 4 (message)",
            "Engine.IO data [1, 5) hello",
            "Engine.IO separator [6, 1) 0x1E (record separator)",
            "Engine.IO packet type [7, 1) 2 (ping)",
            "Engine.IO separator [8, 1) 0x1E (record separator)",
            "Engine.IO packet type [9, 1) b (binary message, base64)",
            "Engine.IO data [10, 8) 4 bytes as base64",
        });
}

TEST_CASE("engine.io fields: both layers of a Socket.IO event") {
  CHECK(lines(payload_fields(R"(42/chat,7["message","hi"])", true)) ==
        std::vector<std::string>{
            "Engine.IO packet type [0, 1) 4 (message)",
            "Socket.IO packet type [1, 1) 2 (EVENT)",
            "Socket.IO namespace [2, 6) /chat",
            "Socket.IO ack id [8, 1) 7",
            R"(Socket.IO JSON payload [9, 16) ["message","hi"])",
        });
  CHECK(lines(websocket_fields(R"(451-["up",{"_placeholder":true,"num":0}])", false, true))[2] ==
        "Socket.IO attachments [2, 2) 1 binary message(s) follow");
  CHECK(lines(websocket_fields("\x01\x02", true, true)) ==
        std::vector<std::string>{"Engine.IO binary message [0, 2) 2 raw bytes"});
}

TEST_CASE("engine.io fields: what does not decode is named, even when empty") {
  const std::vector<std::string> fields = lines(payload_fields("4a\x1e", false));
  REQUIRE(fields.size() == 3);
  CHECK(fields[2].starts_with("Engine.IO error [3, 0) empty"));
  CHECK(lines(payload_fields("42{}", true))[1].starts_with("Socket.IO error [1, 3) payload"));
}
