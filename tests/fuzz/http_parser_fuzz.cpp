// Fuzzes both HTTP/1.1 parsers. The first input byte chooses where to cut the rest into two
// feeds; the rest is the stream. Traps when:
//   - whole, two-part and byte-by-byte feeding disagree (events, error, upgraded bytes);
//   - events break their order (head, body..., end), offsets go backwards or past the input;
//   - a head or a body exceeds its limit;
//   - the upgraded bytes are not exactly the rest of the input;
//   - a message read without Transfer-Encoding cannot be written and read back unchanged.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <variant>
#include <vector>

#include "sim/wire/http/parser.hpp"
#include "sim/wire/http/serialize.hpp"
#include "tests/sim/wire/http/event_log.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::http;
using namespace pushlab::sim::wire::http::testing;

namespace {

// Small limits, so that inputs of a few hundred bytes reach them.
constexpr ParserLimits kLimits{.max_head_bytes = 200, .max_body_bytes = 300, .max_fields = 8};

void require(bool condition) {
  if (!condition) __builtin_trap();
}

void accept_upgrades(RequestParser& parser, const RequestEvent& event) {
  const auto* head = std::get_if<Head<Request>>(&event);
  if (head && head->message.fields.find("Upgrade")) parser.mark_upgraded();
}

// Returns the messages that were read to their end.
template <class Message>
std::vector<Message> check_events(const EventLog<Message>& log, ByteView stream) {
  std::vector<Message> messages;
  Message current;
  bool in_message = false;
  std::uint64_t position = 0;  // end of what was reported so far
  std::uint64_t body_size = 0;
  for (const auto& event : log.events) {
    if (const auto* head = std::get_if<Head<Message>>(&event)) {
      require(!in_message && head->offset >= position && head->size <= kLimits.max_head_bytes);
      require(head->message.body.empty());
      current = head->message;
      in_message = true;
      position = head->offset + head->size;
      body_size = 0;
    } else if (const auto* body = std::get_if<BodyData>(&event)) {
      require(in_message && body->offset >= position && !body->data.empty());
      append(current.body, body->data);
      body_size += body->data.size();
      require(body_size <= kLimits.max_body_bytes);
      position = body->offset + body->data.size();
    } else {
      const auto& end = std::get<MessageEnd>(event);
      require(in_message && end.offset >= position);
      messages.push_back(std::move(current));
      in_message = false;
      position = end.offset;
    }
    require(position <= stream.size());
  }
  if (log.error) require(log.error->offset <= stream.size() && !log.upgraded);
  if (log.upgraded) {
    require(!in_message && log.upgraded_offset == position);
    require(log.upgraded_bytes ==
            Bytes(stream.begin() + static_cast<std::ptrdiff_t>(position), stream.end()));
  }
  return messages;
}

// Written again, a message must read back the same (its head may grow: LF line ends become
// CRLF, so the default limits apply). Chunked bodies are left out: the parser removes the
// framing that the fields still announce.
template <class Parser, class Message>
void check_round_trip(const Message& message) {
  if (message.fields.find("Transfer-Encoding")) return;
  Bytes bytes;
  try {
    bytes = serialize(message);
  } catch (const std::invalid_argument&) {
    require(false);  // whatever the parser accepted must be writable
  }
  Parser parser;
  parser.feed(bytes);
  parser.finish();
  auto again = parser.next_message();
  require(again.has_value() && again->message == message);
}

template <class Parser>
void check_parser(Parser parser, ByteView stream, std::size_t cut, bool round_trip,
                  const EventHook<Parser>& hook = {}) {
  const auto whole = parse_whole(parser, stream, true, hook);
  const std::size_t cuts[] = {cut};
  require(same(parse_in_pieces(parser, stream, cuts, true, hook), whole));
  require(same(parse_bytewise(parser, stream, true, hook), whole));
  for (const auto& message : check_events(whole, stream)) {
    if (round_trip) check_round_trip<Parser>(message);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const ByteView stream(data + 1, size - 1);
  const std::size_t cut = data[0] * stream.size() / 255;
  check_parser(RequestParser(kLimits), stream, cut, true,
               EventHook<RequestParser>(accept_upgrades));
  check_parser(ResponseParser(kLimits), stream, cut, true);
  ResponseParser to_head(kLimits);  // its first response is written differently: no round trip
  to_head.expect_response_to("HEAD");
  check_parser(to_head, stream, cut, false);
  return 0;
}
