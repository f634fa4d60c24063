#include "sim/wire/http/detail/line_scanner.hpp"

namespace pushlab::sim::wire::http::detail {

LineScan scan_line(ByteView bytes, std::size_t from, std::size_t max_size) {
  using Status = LineScan::Status;
  for (std::size_t i = from; i < bytes.size(); ++i) {
    if (i >= max_size) return {.status = Status::kTooLong, .position = max_size};
    if (bytes[i] == '\n') {
      const bool crlf = i > 0 && bytes[i - 1] == '\r';
      return {.status = Status::kComplete, .text_size = crlf ? i - 1 : i, .wire_size = i + 1};
    }
    if (bytes[i] == '\r') {
      if (i + 1 == bytes.size()) return {.status = Status::kNeedMore, .position = i};
      if (bytes[i + 1] != '\n') return {.status = Status::kBareCr, .position = i};
    }
  }
  return {.status = Status::kNeedMore, .position = bytes.size()};
}

}  // namespace pushlab::sim::wire::http::detail
