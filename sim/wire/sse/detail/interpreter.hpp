#pragma once
// "Interpreting an event stream" (WHATWG HTML, section 9.2.6) from the line on: fields fill the
// buffers and a blank line dispatches what they hold. The Parser turns bytes into the lines.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "sim/wire/sse/message_event.hpp"

namespace pushlab::sim::wire::sse::detail {

class Interpreter {
 public:
  // One decoded line, without its line end.
  void process_line(std::string_view line);

  // The end of the stream: an event whose blank line never came is not dispatched.
  void discard_pending();

  // The oldest dispatched event not taken yet.
  std::optional<MessageEvent> next();

  const std::string& last_event_id() const { return last_event_id_; }
  std::optional<std::uint64_t> reconnection_time_ms() const { return reconnection_time_ms_; }

 private:
  void process_field(std::string_view name, std::string_view value);
  void set_reconnection_time(std::string_view value);
  void dispatch();

  std::string data_buffer_;
  std::string event_type_buffer_;
  std::string last_event_id_buffer_;  // set by "id" fields, never reset by a dispatch
  std::string last_event_id_;         // the event source's last event ID string: set on dispatch
  std::optional<std::uint64_t> reconnection_time_ms_;
  std::deque<MessageEvent> dispatched_;
};

}  // namespace pushlab::sim::wire::sse::detail
