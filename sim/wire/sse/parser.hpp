#pragma once
// The client's side of a text/event-stream, fed bytes as they arrive: the "event stream
// interpretation" of the WHATWG HTML standard (section 9.2.6), step for step.
//
// Bytes are decoded as UTF-8 (an invalid sequence becomes U+FFFD; one split between feeds
// decodes whole), one byte order mark at the very start of the stream is dropped, and a line
// ends at CRLF, LF or CR (a CR at the end of one feed and an LF at the start of the next are
// one line end). Each blank line dispatches the buffered event, as a browser's EventSource does.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "sim/wire/bytes.hpp"
#include "sim/wire/decode_error.hpp"
#include "sim/wire/sse/detail/interpreter.hpp"
#include "sim/wire/sse/detail/utf8_decoder.hpp"
#include "sim/wire/sse/message_event.hpp"

namespace pushlab::sim::wire::sse {

// The spec sets no limits; these keep a hostile stream from taking all memory. Bytes are counted
// as they were fed (before decoding), line ends not included. Comments are discarded line by
// line, so only field lines count toward an event.
struct ParserLimits {
  std::size_t max_line_bytes = 64 * 1024;  // one line
  std::size_t max_event_bytes = 1 << 20;   // the field lines of one event, up to its blank line
};

// As a browser's EventSource reads: no limit but memory, so an event of any size a scenario
// sends arrives (a page, unlike a server, trusts the stream it asked for).
inline constexpr ParserLimits kBrowserLimits{.max_line_bytes = SIZE_MAX,
                                             .max_event_bytes = SIZE_MAX};

class Parser {
 public:
  explicit Parser(ParserLimits limits = {}) : limits_(limits) {}

  // Reads more of the stream. Stops at the first byte past a limit: from then on the parser
  // stays failed and ignores what it is fed. Events dispatched before that can still be taken.
  void feed(ByteView bytes);

  // The end of the stream: an event whose blank line never came is discarded, as the spec says.
  // Bytes fed after this are an error.
  void finish();

  // The oldest dispatched event not taken yet, in stream order.
  std::optional<MessageEvent> next() { return interpreter_.next(); }

  // What a reconnecting client sends as Last-Event-ID: the ID buffer as of the last blank line.
  const std::string& last_event_id() const { return interpreter_.last_event_id(); }

  // The reconnection time the last valid "retry" field set; none until one arrives.
  std::optional<std::uint64_t> retry_ms() const { return interpreter_.reconnection_time_ms(); }

  bool failed() const { return error_.has_value(); }
  const std::optional<DecodeError>& error() const { return error_; }

 private:
  static std::size_t plain_run_length(ByteView bytes);
  void take_plain(std::string_view run);
  void take(char32_t code_point, std::uint64_t end);
  void append_to_line(char32_t code_point, std::uint64_t end);
  bool within_limits(char32_t code_point, std::uint64_t end);
  void end_line(std::uint64_t next_line_start);
  void fail(std::string reason, std::uint64_t offset);

  ParserLimits limits_;
  detail::Utf8Decoder decoder_;
  detail::Interpreter interpreter_;
  std::uint64_t fed_ = 0;        // bytes fed so far: the offset of the next one
  bool at_stream_start_ = true;  // nothing decoded yet: a byte order mark here is dropped
  bool after_cr_ = false;        // the last code point was CR: an LF now completes a CRLF
  bool finished_ = false;
  std::string line_;               // the line so far, decoded, without its line end
  std::uint64_t line_start_ = 0;   // offset of its first byte
  std::uint64_t line_bytes_ = 0;   // bytes it took on the wire
  std::uint64_t event_bytes_ = 0;  // bytes of the pending event's earlier field lines
  std::optional<DecodeError> error_;
};

}  // namespace pushlab::sim::wire::sse
