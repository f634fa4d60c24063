#include "sim/wire/engineio/fields.hpp"

#include "sim/wire/engineio/payload.hpp"
#include "sim/wire/engineio/socketio_packet.hpp"

namespace pushlab::sim::wire::engineio {

namespace {

constexpr const char* kEngine = "Engine.IO";
constexpr const char* kSocket = "Socket.IO";

void add(std::vector<PacketField>& fields, const char* layer, std::string name, std::string value,
         std::size_t first_byte, std::size_t byte_count) {
  if (byte_count == 0) return;
  fields.push_back({layer, std::move(name), std::move(value), first_byte, byte_count});
}

// A part that does not decode, shown even when it is empty (a body ending in a separator).
void add_error(std::vector<PacketField>& fields, const char* layer, std::string reason,
               std::size_t first_byte, std::size_t byte_count) {
  fields.push_back({layer, "error", std::move(reason), first_byte, byte_count});
}

// The Socket.IO packet in a message's text, which starts at `first_byte`.
void add_socketio_fields(std::vector<PacketField>& fields, std::string_view text,
                         std::size_t first_byte) {
  const auto decoded = socketio::decode(text);
  const auto* packet = std::get_if<socketio::Packet>(&decoded);
  if (packet == nullptr) {
    add_error(fields, kSocket, std::get<DecodeError>(decoded).reason, first_byte, text.size());
    return;
  }
  std::size_t at = first_byte;
  const auto take = [&](std::string name, std::string value, std::size_t size) {
    add(fields, kSocket, std::move(name), std::move(value), at, size);
    at += size;
  };
  take("packet type",
       std::string(1, text[0]) + " (" + std::string(socketio::packet_type_name(packet->type)) + ")",
       1);
  if (packet->type == socketio::PacketType::binary_event ||
      packet->type == socketio::PacketType::binary_ack) {
    const std::string count = std::to_string(packet->attachments);
    take("attachments", count + " binary message(s) follow", count.size() + 1);
  }
  if (packet->nsp != "/") {
    const bool comma = at - first_byte + packet->nsp.size() < text.size();
    take("namespace", packet->nsp, packet->nsp.size() + (comma ? 1 : 0));
  }
  if (packet->id) {
    const std::string id = std::to_string(*packet->id);
    take("ack id", id, id.size());
  }
  if (packet->data) take("JSON payload", *packet->data, packet->data->size());
}

void add_packet_fields(std::vector<PacketField>& fields, const Packet& packet,
                       std::size_t first_byte, std::size_t byte_count, bool socketio,
                       bool raw_binary) {
  if (raw_binary) {
    add(fields, kEngine, "binary message", std::to_string(byte_count) + " raw bytes", first_byte,
        byte_count);
    return;
  }
  if (packet.binary) {
    add(fields, kEngine, "packet type", "b (binary message, base64)", first_byte, 1);
    add(fields, kEngine, "data", std::to_string(packet.data.size()) + " bytes as base64",
        first_byte + 1, byte_count - 1);
    return;
  }
  add(fields, kEngine, "packet type",
      std::to_string(static_cast<int>(packet.type)) + " (" +
          std::string(packet_type_name(packet.type)) + ")",
      first_byte, 1);
  if (socketio && packet.type == PacketType::message && !packet.data.empty()) {
    add_socketio_fields(fields, packet.data, first_byte + 1);
  } else {
    add(fields, kEngine, "data", packet.data, first_byte + 1, packet.data.size());
  }
}

}  // namespace

std::vector<PacketField> payload_fields(std::string_view body, bool socketio) {
  const DecodedPayload decoded = decode_payload(body);
  std::vector<PacketField> fields;
  for (std::size_t i = 0; i < decoded.packets.size(); ++i) {
    const DecodedPayload::Span& span = decoded.spans[i];
    if (i > 0) add(fields, kEngine, "separator", "0x1E (record separator)", span.first_byte - 1, 1);
    add_packet_fields(fields, decoded.packets[i], span.first_byte, span.byte_count, socketio,
                      false);
  }
  if (decoded.error) {
    add_error(fields, kEngine, decoded.error->reason, decoded.error->offset,
              body.size() - decoded.error->offset);
  }
  return fields;
}

std::vector<PacketField> websocket_fields(std::string_view payload, bool binary, bool socketio) {
  std::vector<PacketField> fields;
  const auto decoded = decode_websocket_packet(payload, binary);
  if (const auto* error = std::get_if<DecodeError>(&decoded)) {
    add_error(fields, kEngine, error->reason, 0, payload.size());
    return fields;
  }
  add_packet_fields(fields, std::get<Packet>(decoded), 0, payload.size(), socketio, binary);
  return fields;
}

}  // namespace pushlab::sim::wire::engineio
