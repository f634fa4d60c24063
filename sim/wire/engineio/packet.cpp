#include "sim/wire/engineio/packet.hpp"

#include <array>

#include "sim/wire/base64.hpp"

namespace pushlab::sim::wire::engineio {

namespace {

constexpr std::array<std::string_view, 7> kTypeNames = {"open",    "close",   "ping", "pong",
                                                        "message", "upgrade", "noop"};

std::optional<PacketType> type_of_digit(char digit) {
  if (digit < '0' || digit > '6') return std::nullopt;
  return static_cast<PacketType>(digit - '0');
}

char digit_of(PacketType type) {
  return static_cast<char>('0' + static_cast<int>(type));
}

}  // namespace

std::string_view packet_type_name(PacketType type) {
  return kTypeNames[static_cast<std::size_t>(type)];
}

std::string encode_polling_packet(const Packet& packet) {
  if (packet.binary) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(packet.data.data());
    return "b" + base64_encode(ByteView(bytes, packet.data.size()));
  }
  std::string text(1, digit_of(packet.type));
  text += packet.data;
  return text;
}

WebSocketPayload encode_websocket_packet(const Packet& packet) {
  if (packet.binary) return {packet.data, true};
  return {encode_polling_packet(packet), false};
}

std::variant<Packet, DecodeError> decode_text_packet(std::string_view text, std::uint64_t offset) {
  if (text.empty()) return DecodeError{"empty Engine.IO packet: no type digit", offset};
  if (text.front() == 'b') {
    std::optional<Bytes> bytes = base64_decode(text.substr(1));
    if (!bytes) return DecodeError{"binary packet ('b') whose rest is not base64", offset + 1};
    return Packet::binary_message(*bytes);
  }
  const std::optional<PacketType> type = type_of_digit(text.front());
  if (!type) {
    return DecodeError{"unknown Engine.IO packet type '" + std::string(1, text.front()) +
                           "' (expected 0 to 6, or b for binary)",
                       offset};
  }
  return Packet::text(*type, std::string(text.substr(1)));
}

std::variant<Packet, DecodeError> decode_websocket_packet(std::string_view payload, bool binary) {
  if (binary)
    return Packet::binary_message(
        ByteView(reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()));
  return decode_text_packet(payload);
}

}  // namespace pushlab::sim::wire::engineio
