#pragma once
// Finding where a line of an HTTP head ends, in bytes that may stop anywhere. A line ends with
// CRLF or a lone LF (RFC 9112 section 2.2 lets a recipient accept LF); a CR anywhere else is a
// bare CR and is refused, since peers that disagree about line ends can be fooled into reading
// different messages.

#include <cstddef>

#include "sim/wire/bytes.hpp"

namespace pushlab::sim::wire::http::detail {

struct LineScan {
  enum class Status { kComplete, kNeedMore, kBareCr, kTooLong };
  Status status = Status::kNeedMore;
  std::size_t text_size = 0;  // kComplete: bytes before the line end
  std::size_t wire_size = 0;  // kComplete: bytes including the line end
  std::size_t position = 0;   // kNeedMore: where to resume; kBareCr, kTooLong: the bad byte
};

// Scans the line that starts at bytes[0], resuming at `from` (a previous kNeedMore position).
// A line, with its end, may be at most `max_size` bytes: the byte at `max_size` is too much.
LineScan scan_line(ByteView bytes, std::size_t from, std::size_t max_size);

}  // namespace pushlab::sim::wire::http::detail
