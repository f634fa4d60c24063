#pragma once
// Engine.IO v4 packets (https://github.com/socketio/engine.io-protocol): one ASCII digit for the
// type, then the data. Over HTTP long polling a packet is text, and a binary message is 'b' and
// the base64 of its bytes (the 'b' replaces the type digit). Over WebSocket a packet is one
// frame: a text frame for a text packet, a binary frame carrying a binary message's raw bytes.
// As engine.io-parser 5.2 writes and reads them (lib/encodePacket.ts, lib/decodePacket.ts).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "sim/wire/bytes.hpp"
#include "sim/wire/decode_error.hpp"

namespace pushlab::sim::wire::engineio {

enum class PacketType : std::uint8_t {
  open,     // 0: the server's handshake, its data the session's JSON
  close,    // 1: the transport may be closed
  ping,     // 2: the server's heartbeat; "2probe" from the client while upgrading
  pong,     // 3: the client's answer; "3probe" from the server while upgrading
  message,  // 4: application data
  upgrade,  // 5: the client switches to the probed WebSocket
  noop,     // 6: ends a pending poll without data (during an upgrade or a close)
};

// "open", "close", ... as the reference names them.
std::string_view packet_type_name(PacketType type);

struct Packet {
  PacketType type = PacketType::message;
  std::string data;     // the text after the digit, or a binary message's raw bytes
  bool binary = false;  // only a message is ever binary

  static Packet text(PacketType type, std::string data = {}) { return {type, std::move(data)}; }
  static Packet binary_message(ByteView bytes) {
    return {PacketType::message, std::string(as_text(bytes)), true};
  }
  friend bool operator==(const Packet&, const Packet&) = default;
};

// One packet as a polling payload carries it: "4hello", or "bAQIDBA==" for bytes 01 02 03 04.
std::string encode_polling_packet(const Packet& packet);

// One packet as a WebSocket frame carries it: the frame's payload, and whether the frame is
// binary (opcode 0x2) rather than text (0x1).
struct WebSocketPayload {
  std::string bytes;
  bool binary = false;
};
WebSocketPayload encode_websocket_packet(const Packet& packet);

// Reads one text-encoded packet. Errors where engine.io-parser answers its "parser error"
// packet: an empty text or an unknown type character. Stricter than the reference in one way:
// base64 after 'b' must be well formed (Node's Buffer.from skips what it cannot read).
// `offset` is where `text` starts in what the caller read, for the error's position.
std::variant<Packet, DecodeError> decode_text_packet(std::string_view text,
                                                     std::uint64_t offset = 0);

// Reads one WebSocket frame's payload: any binary frame is a binary message.
std::variant<Packet, DecodeError> decode_websocket_packet(std::string_view payload, bool binary);

}  // namespace pushlab::sim::wire::engineio
