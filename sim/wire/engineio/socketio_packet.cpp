#include "sim/wire/engineio/socketio_packet.hpp"

#include <array>
#include <nlohmann/json.hpp>

namespace pushlab::sim::wire::socketio {

namespace {

constexpr std::array<std::string_view, 7> kTypeNames = {
    "CONNECT", "DISCONNECT", "EVENT", "ACK", "CONNECT_ERROR", "BINARY_EVENT", "BINARY_ACK"};

// Names socket.io-parser refuses as event names (RESERVED_EVENTS).
constexpr std::array<std::string_view, 6> kReservedEvents = {
    "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"};

constexpr std::uint64_t kMaxSafeInteger = (1ULL << 53) - 1;  // JavaScript's Number.MAX_SAFE_INTEGER

bool is_binary(PacketType type) {
  return type == PacketType::binary_event || type == PacketType::binary_ack;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool payload_fits(PacketType type, const nlohmann::json& payload) {
  switch (type) {
    case PacketType::connect:
      return payload.is_object();
    case PacketType::disconnect:
      return false;  // a DISCONNECT carries nothing
    case PacketType::connect_error:
      return payload.is_string() || payload.is_object();
    case PacketType::event:
    case PacketType::binary_event: {
      if (!payload.is_array() || payload.empty()) return false;
      const nlohmann::json& name = payload.front();
      if (name.is_number()) return true;
      if (!name.is_string()) return false;
      const auto& text = name.get_ref<const std::string&>();
      return std::find(kReservedEvents.begin(), kReservedEvents.end(), text) ==
             kReservedEvents.end();
    }
    case PacketType::ack:
    case PacketType::binary_ack:
      return payload.is_array();
  }
  return false;
}

}  // namespace

std::string_view packet_type_name(PacketType type) {
  return kTypeNames[static_cast<std::size_t>(type)];
}

std::string encode(const Packet& packet) {
  std::string text(1, static_cast<char>('0' + static_cast<int>(packet.type)));
  if (is_binary(packet.type)) text += std::to_string(packet.attachments) + "-";
  if (!packet.nsp.empty() && packet.nsp != "/") text += packet.nsp + ",";
  if (packet.id) text += std::to_string(*packet.id);
  if (packet.data) text += *packet.data;
  return text;
}

Packet connect_packet(std::string_view sid) {
  Packet packet;
  packet.type = PacketType::connect;
  if (!sid.empty()) packet.data = "{\"sid\":\"" + std::string(sid) + "\"}";
  return packet;
}

Packet message_event(std::string_view event, std::string_view text) {
  return {.type = PacketType::event,
          .nsp = "/",
          .id = std::nullopt,
          .attachments = 0,
          .data = nlohmann::json::array({event, text}).dump()};
}

std::variant<Packet, DecodeError> decode(std::string_view text, DecoderLimits limits) {
  if (text.empty() || text[0] < '0' || text[0] > '6') {
    return DecodeError{"Socket.IO packet does not start with a type digit 0 to 6", 0};
  }
  Packet packet;
  packet.type = static_cast<PacketType>(text[0] - '0');
  std::size_t at = 1;

  if (is_binary(packet.type)) {
    const std::size_t dash = text.find('-', at);
    const std::string_view count = text.substr(at, dash == std::string_view::npos ? 0 : dash - at);
    if (dash == std::string_view::npos || count.empty() ||
        !std::all_of(count.begin(), count.end(), is_digit) || count.size() > 9) {
      return DecodeError{"binary packet without an attachment count and '-'", at};
    }
    packet.attachments = std::stoi(std::string(count));
    if (packet.attachments == 0) return DecodeError{"binary packet with no attachments", at};
    if (packet.attachments > limits.max_attachments) {
      return DecodeError{
          "more attachments than the " + std::to_string(limits.max_attachments) + " allowed", at};
    }
    at = dash + 1;
  }

  if (at < text.size() && text[at] == '/') {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    packet.nsp = std::string(text.substr(at, comma - at));
    at = std::min(comma + 1, text.size());
  }

  if (at < text.size() && is_digit(text[at])) {
    const std::size_t start = at;
    std::uint64_t id = 0;
    while (at < text.size() && is_digit(text[at])) {
      id = id * 10 + static_cast<std::uint64_t>(text[at] - '0');
      if (id > kMaxSafeInteger) return DecodeError{"ack id above 2^53 - 1", start};
      ++at;
    }
    packet.id = id;
  }

  if (at < text.size()) {
    if (std::string_view(" \t\r\n").find(text[at]) != std::string_view::npos) {
      return DecodeError{
          "whitespace before the payload (socket.io-parser would read it as ack id 0)", at};
    }
    const std::string_view json_text = text.substr(at);
    const nlohmann::json payload = nlohmann::json::parse(json_text, nullptr, false);
    if (payload.is_discarded()) return DecodeError{"payload is not JSON", at};
    if (!payload_fits(packet.type, payload)) {
      return DecodeError{"payload of the wrong shape for a " +
                             std::string(packet_type_name(packet.type)) + " packet",
                         at};
    }
    packet.data = std::string(json_text);
  }
  return packet;
}

}  // namespace pushlab::sim::wire::socketio
