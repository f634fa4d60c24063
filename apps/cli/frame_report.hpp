#pragma once
// A WebSocket frame laid out for a person (a field table beside the bytes, bits drawn as
// Wireshark draws them) or for a script (JSON with each field's byte and bit range).

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "sim/wire/websocket/frame.hpp"

namespace pushlab::cli {

struct ReportedFrame {
  sim::wire::websocket::Frame frame;
  sim::wire::Bytes bytes;    // the frame as it was on the wire
  std::uint64_t offset = 0;  // where it starts in the input
};

void print_frame(std::ostream& out, const ReportedFrame& frame, std::size_t number);

nlohmann::ordered_json frame_json(const ReportedFrame& frame);

}  // namespace pushlab::cli
