#pragma once
// What a message's payload holds, in the simulator and on real sockets alike: `size` bytes of
// printable ASCII that begin with the message's id ("#12 "), then filler from the id's place in
// "a..z0..9" on, so a learner can find it in a hex dump. Never '"', '\\' or a line break, so it
// fits in a JSON string, a WebSocket text frame and an SSE data line as it is.

#include <cstdint>
#include <string>

namespace pushlab::sim {

void append_message_payload(std::string& out, std::uint64_t id, std::size_t size);

inline std::string message_payload(std::uint64_t id, std::size_t size) {
  std::string text;
  append_message_payload(text, id, size);
  return text;
}

}  // namespace pushlab::sim
