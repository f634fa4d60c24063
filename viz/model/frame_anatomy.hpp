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
  std::string name;   // "start line", "Host", "opcode", "data", ...
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

FrameAnatomy frame_anatomy(const sim::WireFrame& frame);

}  // namespace pushlab::viz
