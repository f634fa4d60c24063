// Feeds arbitrary bytes to the text/event-stream parser whole, split in two at a position taken
// from the first byte, and one byte at a time, under the default limits and under small ones.
// Every way must dispatch the same events and end in the same state; dispatched text must be
// valid UTF-8; and each event, encoded again, must parse back to itself.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/wire/sse/encoder.hpp"
#include "sim/wire/sse/parser.hpp"
#include "sim/wire/utf8_checker.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::sse;

namespace {

struct Outcome {
  std::vector<MessageEvent> events;
  std::string last_event_id;
  std::optional<std::uint64_t> retry_ms;
  std::optional<DecodeError> error;
};

void check(bool condition) {
  if (!condition) __builtin_trap();
}

bool same(const std::optional<DecodeError>& a, const std::optional<DecodeError>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->reason == b->reason && a->offset == b->offset);
}

bool same(const Outcome& a, const Outcome& b) {
  return a.events == b.events && a.last_event_id == b.last_event_id && a.retry_ms == b.retry_ms &&
         same(a.error, b.error);
}

Outcome finish(Parser& parser) {
  parser.finish();
  Outcome outcome{{}, parser.last_event_id(), parser.retry_ms(), parser.error()};
  while (auto event = parser.next()) outcome.events.push_back(std::move(*event));
  return outcome;
}

Outcome parse_in_pieces(ByteView input, std::size_t piece, ParserLimits limits) {
  Parser parser(limits);
  for (std::size_t at = 0; at < input.size(); at += piece) {
    parser.feed(input.subspan(at, std::min(piece, input.size() - at)));
  }
  return finish(parser);
}

Outcome parse_split(ByteView input, std::size_t at, ParserLimits limits) {
  Parser parser(limits);
  parser.feed(input.first(at));
  parser.feed(input.subspan(at));
  return finish(parser);
}

bool is_utf8(const std::string& text) {
  return is_valid_utf8(to_bytes(text));
}

// A dispatched event, written by our encoder and read again, is the same event.
void check_round_trip(const MessageEvent& event) {
  constexpr auto kNoLimit = std::numeric_limits<std::size_t>::max();
  Parser parser({.max_line_bytes = kNoLimit, .max_event_bytes = kNoLimit});
  parser.feed(
      to_bytes(encode(Event{.type = event.type, .data = event.data, .id = event.last_event_id})));
  const auto again = parser.next();
  check(again.has_value() && *again == event && !parser.next().has_value());
}

void check_all_ways(ByteView input, ParserLimits limits) {
  const Outcome whole = parse_in_pieces(input, input.size() + 1, limits);
  const std::size_t at = input.empty() ? 0 : input[0] % (input.size() + 1);
  check(same(parse_split(input, at, limits), whole));
  check(same(parse_in_pieces(input, 1, limits), whole));
  check(is_utf8(whole.last_event_id));
  for (const auto& event : whole.events) {
    check(!event.type.empty() && is_utf8(event.type) && is_utf8(event.data));
    check(is_utf8(event.last_event_id));
    check(event.data.find('\r') == std::string::npos);
    check_round_trip(event);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView input(data, size);
  check_all_ways(input, ParserLimits{});
  check_all_ways(input, ParserLimits{.max_line_bytes = 24, .max_event_bytes = 64});
  return 0;
}
