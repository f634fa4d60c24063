#pragma once
// An Engine.IO body taken apart for the inspector: each packet's type digit and data, and with
// Socket.IO on top, that layer's type, attachments, namespace, ack id and JSON, each with the
// bytes it occupies.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pushlab::sim::wire::engineio {

struct PacketField {
  std::string layer;           // "Engine.IO" or "Socket.IO"
  std::string name;            // "packet type", "data", "separator", "namespace", "ack id", ...
  std::string value;           // as a person reads it: "4 (message)", "/admin", "12"
  std::size_t first_byte = 0;  // relative to the body's first byte
  std::size_t byte_count = 0;
};

// A polling body (packets joined by 0x1E). With `socketio`, each message's data is read as a
// Socket.IO packet too. Stops at the first packet that does not decode.
std::vector<PacketField> payload_fields(std::string_view body, bool socketio);

// One WebSocket frame's payload.
std::vector<PacketField> websocket_fields(std::string_view payload, bool binary, bool socketio);

}  // namespace pushlab::sim::wire::engineio
