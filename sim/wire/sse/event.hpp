#pragma once
// One event as a server writes it into a text/event-stream (WHATWG HTML, section 9.2.5).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pushlab::sim::wire::sse {

struct Event {
  std::string type{};                       // the "event" field; empty: none, a "message" event
  std::string data{};                       // may span lines; every encoded Event carries data
  std::optional<std::string> id{};          // the "id" field; "" resets the client's last event ID
  std::optional<std::uint64_t> retry_ms{};  // the "retry" field: the client's reconnection time
  std::vector<std::string> comments{};      // ": text" lines written before the fields

  friend bool operator==(const Event&, const Event&) = default;
};

}  // namespace pushlab::sim::wire::sse
