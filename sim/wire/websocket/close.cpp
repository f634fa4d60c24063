#include "sim/wire/websocket/close.hpp"

#include <stdexcept>

#include "sim/wire/utf8_checker.hpp"

namespace pushlab::sim::wire::websocket {

Frame close_frame(const CloseReason& close, const MaskingKey* key) {
  Frame frame;
  frame.header.opcode = Opcode::close;
  if (close.code) {
    if (!is_sendable_close_code(*close.code)) {
      throw std::invalid_argument("close code " + std::to_string(*close.code) +
                                  " may not be sent (RFC 6455 section 7.4)");
    }
    frame.payload = {static_cast<std::uint8_t>(*close.code >> 8),
                     static_cast<std::uint8_t>(*close.code & 0xff)};
  } else if (!close.reason.empty()) {
    throw std::invalid_argument("a close reason needs a close code before it");
  }
  if (close.reason.size() > kMaxCloseReason) {
    throw std::invalid_argument("close reason of " + std::to_string(close.reason.size()) +
                                " bytes is longer than 123");
  }
  if (!is_valid_utf8(to_bytes(close.reason))) {
    throw std::invalid_argument("close reason is not valid UTF-8");
  }
  append(frame.payload, close.reason);
  frame.header.payload_length = frame.payload.size();
  if (key != nullptr) {
    frame.header.masked = true;
    frame.header.masking_key = *key;
  }
  return frame;
}

ParsedClose parse_close_payload(ByteView payload) {
  ParsedClose parsed;
  if (payload.empty()) return parsed;
  if (payload.size() == 1) {
    parsed.error = "close payload of 1 byte (a status code takes 2)";
    return parsed;
  }
  const auto code = static_cast<std::uint16_t>(payload[0] << 8 | payload[1]);
  parsed.close.code = code;
  if (!is_sendable_close_code(code)) {
    parsed.error = "close code " + std::to_string(code) + " may not be sent (RFC 6455 section 7.4)";
    return parsed;
  }
  const ByteView reason = payload.subspan(2);
  Utf8Checker checker;
  if (!checker.feed(reason) || !checker.complete()) {
    parsed.error = "close reason is not valid UTF-8";
    parsed.error_offset = 2 + (checker.failed() ? checker.error_offset() : reason.size() - 1);
    return parsed;
  }
  parsed.close.reason = std::string(as_text(reason));
  return parsed;
}

}  // namespace pushlab::sim::wire::websocket
