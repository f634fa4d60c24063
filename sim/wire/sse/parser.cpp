#include "sim/wire/sse/parser.hpp"

#include <algorithm>
#include <utility>

namespace pushlab::sim::wire::sse {

using detail::kByteOrderMark;
using detail::kReplacementCharacter;

void Parser::feed(ByteView bytes) {
  if (finished_ && !bytes.empty() && !error_) fail("bytes fed after the end of the stream", fed_);
  std::size_t next = 0;
  while (next < bytes.size() && !error_) {
    if (!decoder_.pending()) {
      const std::size_t run = plain_run_length(bytes.subspan(next));
      if (run > 0) {
        take_plain(as_text(bytes.subspan(next, run)));
        next += run;
        continue;
      }
    }
    const auto step = decoder_.decode(bytes[next++]);
    if (step.broke_sequence) take(kReplacementCharacter, fed_);  // it ended before this byte
    if (step.code_point) take(*step.code_point, fed_ + 1);
    ++fed_;
  }
}

// ASCII other than CR and LF: each byte is a code point of its own, none ends a line, and none
// is a byte order mark.
std::size_t Parser::plain_run_length(ByteView bytes) {
  const auto plain = [](std::uint8_t byte) { return byte < 0x80 && byte != '\r' && byte != '\n'; };
  return static_cast<std::size_t>(std::find_if_not(bytes.begin(), bytes.end(), plain) -
                                  bytes.begin());
}

// A run of plain bytes joins the line at once: what take() would do byte by byte, and the
// common case, since most streams are nearly all ASCII. When the run would pass a limit, it goes
// byte by byte after all, so the error is the one the first byte past a limit gives.
void Parser::take_plain(std::string_view run) {
  const std::uint64_t end = fed_ + run.size();
  const std::uint64_t line_bytes = end - line_start_;
  const bool comment = line_.empty() ? run.front() == ':' : line_.front() == ':';
  const bool fits = line_bytes <= limits_.max_line_bytes &&
                    (comment || event_bytes_ + line_bytes <= limits_.max_event_bytes);
  if (!fits) {
    for (const char c : run) {
      take(static_cast<unsigned char>(c), ++fed_);
      if (error_) return;
    }
    return;
  }
  at_stream_start_ = false;
  after_cr_ = false;
  fed_ = end;
  line_bytes_ = line_bytes;
  line_.append(run);
}

void Parser::finish() {
  if (finished_) return;
  finished_ = true;
  line_.clear();
  interpreter_.discard_pending();
}

// One decoded code point; its bytes end just before offset `end`.
void Parser::take(char32_t code_point, std::uint64_t end) {
  if (error_) return;
  if (std::exchange(at_stream_start_, false) && code_point == kByteOrderMark) {
    line_start_ = end;
    return;
  }
  const bool completes_crlf = after_cr_ && code_point == '\n';
  after_cr_ = code_point == '\r';
  if (completes_crlf) {
    line_start_ = end;
  } else if (code_point == '\r' || code_point == '\n') {
    end_line(end);
  } else {
    append_to_line(code_point, end);
  }
}

void Parser::append_to_line(char32_t code_point, std::uint64_t end) {
  if (!within_limits(code_point, end)) return;
  line_bytes_ = end - line_start_;
  detail::append_utf8(line_, code_point);
}

// Checked at each code point, so the parser never holds much more than a limit allows; the
// error names the first byte past the limit even when a code point straddles it.
bool Parser::within_limits(char32_t code_point, std::uint64_t end) {
  const std::uint64_t line_bytes = end - line_start_;
  if (line_bytes > limits_.max_line_bytes) {
    fail("line longer than " + std::to_string(limits_.max_line_bytes) + " bytes",
         line_start_ + limits_.max_line_bytes);
    return false;
  }
  const bool comment = line_.empty() ? code_point == ':' : line_.front() == ':';
  if (!comment && event_bytes_ + line_bytes > limits_.max_event_bytes) {
    fail(
        "event with more than " + std::to_string(limits_.max_event_bytes) + " bytes of field lines",
        line_start_ + (limits_.max_event_bytes - event_bytes_));
    return false;
  }
  return true;
}

void Parser::end_line(std::uint64_t next_line_start) {
  if (line_.empty()) {
    event_bytes_ = 0;  // a blank line: the event is dispatched
  } else if (line_.front() != ':') {
    event_bytes_ += line_bytes_;
  }
  interpreter_.process_line(line_);
  line_.clear();
  line_start_ = next_line_start;
  line_bytes_ = 0;
}

void Parser::fail(std::string reason, std::uint64_t offset) {
  error_ = DecodeError{std::move(reason), offset};
}

}  // namespace pushlab::sim::wire::sse
