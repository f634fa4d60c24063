#pragma once
// The payload of a close frame (section 5.5.1): an optional 2-byte status code, then an optional
// UTF-8 reason. Both sides of the close handshake send one.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/wire/websocket/frame.hpp"

namespace pushlab::sim::wire::websocket {

struct CloseReason {
  std::optional<std::uint16_t> code;  // none: an empty payload, read as 1005 "No Status Received"
  std::string reason;

  friend bool operator==(const CloseReason&, const CloseReason&) = default;
};

// A reason must fit in a control frame after the 2-byte code.
inline constexpr std::size_t kMaxCloseReason = kMaxControlPayload - 2;

// Throws std::invalid_argument for a code that may not be sent, a reason without a code, a
// reason longer than 123 bytes or one that is not UTF-8.
Frame close_frame(const CloseReason& close, const MaskingKey* key = nullptr);

struct ParsedClose {
  CloseReason close;
  std::optional<std::string> error;  // why the payload is invalid
  std::size_t error_offset = 0;      // index of the first bad byte within the payload
};

ParsedClose parse_close_payload(ByteView payload);

}  // namespace pushlab::sim::wire::websocket
