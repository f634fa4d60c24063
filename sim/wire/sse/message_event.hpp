#pragma once
// What a browser's EventSource fires for one dispatched event: the type, data and lastEventId
// attributes of its MessageEvent (WHATWG HTML, section 9.2.6).

#include <string>

namespace pushlab::sim::wire::sse {

struct MessageEvent {
  std::string type;           // "message" unless the block had a non-empty "event" field
  std::string data;           // the block's data lines joined with LF
  std::string last_event_id;  // the last ID the stream set, in this block or an earlier one

  friend bool operator==(const MessageEvent&, const MessageEvent&) = default;
};

}  // namespace pushlab::sim::wire::sse
