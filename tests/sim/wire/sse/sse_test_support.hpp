#pragma once
// Helpers shared by the text/event-stream tests: run a parser over a stream fed in pieces.

#include <doctest/doctest.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/wire/sse/parser.hpp"

namespace pushlab::sim::wire::sse {

// So that doctest prints an event a check found different.
inline std::ostream& operator<<(std::ostream& out, const MessageEvent& event) {
  return out << "{type \"" << event.type << "\", data \"" << event.data << "\", last_event_id \""
             << event.last_event_id << "\"}";
}

}  // namespace pushlab::sim::wire::sse

namespace sse_test {

using pushlab::sim::wire::to_bytes;
using pushlab::sim::wire::sse::MessageEvent;
using pushlab::sim::wire::sse::Parser;
using pushlab::sim::wire::sse::ParserLimits;

inline std::vector<MessageEvent> take_all(Parser& parser) {
  std::vector<MessageEvent> events;
  while (auto event = parser.next()) events.push_back(std::move(*event));
  return events;
}

inline void feed(Parser& parser, std::string_view text) {
  parser.feed(to_bytes(text));
}

// Every event a stream dispatches when it arrives in these pieces and then ends.
inline std::vector<MessageEvent> parse_pieces(const std::vector<std::string>& pieces,
                                              ParserLimits limits = {}) {
  Parser parser(limits);
  for (const auto& piece : pieces) feed(parser, piece);
  parser.finish();
  return take_all(parser);
}

inline std::vector<MessageEvent> parse(std::string_view stream) {
  return parse_pieces({std::string(stream)});
}

inline MessageEvent message(std::string data, std::string last_event_id = "") {
  return {"message", std::move(data), std::move(last_event_id)};
}

}  // namespace sse_test
