#pragma once
// Socket.IO v5 packets (https://github.com/socketio/socket.io-protocol), each carried as one
// Engine.IO message: <type>[<attachments>-][<namespace>,][<ack id>][<JSON>], the namespace left
// out when it is "/". As socket.io-parser 4.2 writes and reads them (lib/index.ts).
//   2["message","hi"]          an event on "/"
//   0/admin,{"token":"123"}    a CONNECT to /admin with a payload
//   51-["up",{"_placeholder":true,"num":0}]   a binary event; its one attachment follows

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "sim/wire/decode_error.hpp"

namespace pushlab::sim::wire::socketio {

enum class PacketType : std::uint8_t {
  connect,        // 0
  disconnect,     // 1
  event,          // 2
  ack,            // 3
  connect_error,  // 4
  binary_event,   // 5
  binary_ack,     // 6
};

std::string_view packet_type_name(
    PacketType type);  // "CONNECT", "EVENT", ... as the spec names them

struct Packet {
  PacketType type = PacketType::event;
  std::string nsp = "/";
  std::optional<std::uint64_t> id;  // an ack id
  int attachments = 0;              // binary types only: how many binary messages follow
  std::optional<std::string> data;  // the JSON text, as written
  friend bool operator==(const Packet&, const Packet&) = default;
};

std::string encode(const Packet& packet);

// A CONNECT on namespace "/": the client's "0", or the server's answer naming the socket's
// id, 0{"sid":"..."}.
Packet connect_packet(std::string_view sid = {});

// An event on namespace "/" whose arguments are one string: 2["message","hi"].
Packet message_event(std::string_view event, std::string_view text);

struct DecoderLimits {
  int max_attachments = 10;  // socket.io-parser's maxAttachments default
};

// Rejects what socket.io-parser 4.2.7 rejects: an unknown type, an attachment count that is not
// 1 to max_attachments, JSON that does
// not parse, and a payload of the wrong shape for its type (CONNECT an object, DISCONNECT none,
// CONNECT_ERROR a string or an object, EVENT an array led by a number or a name that is not
// reserved, ACK an array). Stricter in three places where JavaScript's coercion lets odd text
// through: the type must be a digit (the reference reads "" and " " as 0), the attachment count
// must be digits, an ack id must be ASCII digits below 2^53, and the JSON must not start with
// whitespace (the reference reads spaces there as an ack id of 0).
std::variant<Packet, DecodeError> decode(std::string_view text, DecoderLimits limits = {});

}  // namespace pushlab::sim::wire::socketio
