#pragma once
// Writes frames as bytes (section 5.2), masking client frames with their key.

#include "sim/wire/websocket/frame.hpp"

namespace pushlab::sim::wire::websocket {

// The header's bytes: FIN, RSV1-3 and opcode; MASK and the shortest length form; the key.
Bytes encode_header(const FrameHeader& header);

// Header then payload, masked when the header says so. Throws std::invalid_argument for a frame
// the RFC forbids: a reserved opcode, a control frame longer than 125 bytes or fragmented, or a
// header whose payload_length disagrees with the payload.
Bytes encode_frame(const Frame& frame);

}  // namespace pushlab::sim::wire::websocket
