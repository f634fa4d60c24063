#include "sim/wire/sse/detail/interpreter.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "sim/wire/sse/field.hpp"

namespace pushlab::sim::wire::sse::detail {

namespace {

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

void Interpreter::process_line(std::string_view line) {
  if (line.empty()) {
    dispatch();
    return;
  }
  if (line.front() == ':') return;  // a comment
  const Field field = split_field(line);
  process_field(field.name, field.value);
}

// Names compare literally, without case folding; unknown fields are ignored.
void Interpreter::process_field(std::string_view name, std::string_view value) {
  if (name == "event") {
    event_type_buffer_ = value;
  } else if (name == "data") {
    data_buffer_ += value;
    data_buffer_ += '\n';
  } else if (name == "id") {
    if (value.find('\0') == std::string_view::npos) last_event_id_buffer_ = value;
  } else if (name == "retry") {
    set_reconnection_time(value);
  }
}

// Only ASCII digits, else ignored. The spec has no answer for "" or a number beyond 64 bits;
// from_chars rejects both, so they are ignored too, as Chromium ignores what does not parse as
// an unsigned 64-bit integer.
void Interpreter::set_reconnection_time(std::string_view value) {
  if (!std::all_of(value.begin(), value.end(), is_ascii_digit)) return;
  std::uint64_t milliseconds = 0;
  const auto result = std::from_chars(value.data(), value.data() + value.size(), milliseconds);
  if (result.ec == std::errc{}) reconnection_time_ms_ = milliseconds;
}

// The dispatch steps for web browsers, in the spec's order.
void Interpreter::dispatch() {
  last_event_id_ = last_event_id_buffer_;
  if (data_buffer_.empty()) {
    event_type_buffer_.clear();
    return;
  }
  if (data_buffer_.back() == '\n') data_buffer_.pop_back();
  std::string type = event_type_buffer_.empty() ? std::string("message") : event_type_buffer_;
  dispatched_.push_back({std::move(type), std::move(data_buffer_), last_event_id_});
  data_buffer_.clear();
  event_type_buffer_.clear();
}

void Interpreter::discard_pending() {
  data_buffer_.clear();
  event_type_buffer_.clear();
}

std::optional<MessageEvent> Interpreter::next() {
  if (dispatched_.empty()) return std::nullopt;
  MessageEvent event = std::move(dispatched_.front());
  dispatched_.pop_front();
  return event;
}

}  // namespace pushlab::sim::wire::sse::detail
