#pragma once
// A frame taken apart for the inspector: its fields in wire order, each with the bytes it
// occupies (hovering a field lights its bytes in the hex dump, and the other way round), and
// how many of its bytes are payload, the application's own, against protocol around them.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/trace/trace.hpp"

namespace pushlab::viz {

struct ByteField {
  std::string name;   // "start line", "Host", "opcode", "data", "Socket.IO type", ...
  std::string value;  // as a person reads it
  std::size_t first_byte = 0;
  std::size_t byte_count = 0;
  bool payload = false;  // the application's bytes, not the protocol's

  bool covers(std::size_t byte) const {
    return byte >= first_byte && byte < first_byte + byte_count;
  }
};

struct FrameAnatomy {
  std::vector<ByteField> fields;  // empty for a modelled frame (no bytes)
  std::size_t payload_bytes = 0;

  // The field the byte belongs to, if any.
  std::optional<std::size_t> field_of(std::size_t byte) const;
};

// What the frame's lane carries above HTTP and WebSocket: for the engine.io lane, a polling
// body and a WebSocket payload are taken apart further into Engine.IO packets (type, data,
// separators) and, with Socket.IO, that layer's packets, each field named with its layer.
struct AnatomyContext {
  bool engine_io = false;
  bool socketio = false;
};

FrameAnatomy frame_anatomy(const sim::WireFrame& frame, AnatomyContext context = {});

}  // namespace pushlab::viz
