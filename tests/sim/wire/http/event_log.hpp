#pragma once
// Everything a parser reported about a stream, in a form that does not depend on how the stream
// was split into feeds: body pieces that lie next to each other on the wire are joined. Shared
// by the tests and the fuzz target.

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/wire/http/parser.hpp"

namespace pushlab::sim::wire::http::testing {

template <class Message>
struct EventLog {
  std::vector<Event<Message>> events;
  std::optional<DecodeError> error;
  bool upgraded = false;
  std::uint64_t upgraded_offset = 0;
  Bytes upgraded_bytes;
};

template <class Message>
void record(EventLog<Message>& log, Event<Message> event) {
  auto* body = std::get_if<BodyData>(&event);
  auto* last = log.events.empty() ? nullptr : std::get_if<BodyData>(&log.events.back());
  if (body && last && last->offset + last->data.size() == body->offset) {
    append(last->data, body->data);
    return;
  }
  log.events.push_back(std::move(event));
}

// Called for each event before it is recorded, so a test can act as the caller would (for
// instance accept an upgrade with mark_upgraded()).
template <class Parser>
using EventHook = std::function<void(Parser&, const Event<typename Parser::message_type>&)>;

template <class Parser>
void drain(Parser& parser, EventLog<typename Parser::message_type>& log,
           const EventHook<Parser>& hook = {}) {
  while (auto event = parser.next()) {
    if (hook) hook(parser, *event);
    record(log, std::move(*event));
  }
}

// Feeds `stream` cut at the ascending offsets `cuts`, reading all events after each feed, then
// ends the stream if `finish`.
template <class Parser>
EventLog<typename Parser::message_type> parse_in_pieces(Parser parser, ByteView stream,
                                                        std::span<const std::size_t> cuts,
                                                        bool finish,
                                                        const EventHook<Parser>& hook = {}) {
  EventLog<typename Parser::message_type> log;
  std::size_t from = 0;
  for (std::size_t to : cuts) {
    parser.feed(stream.subspan(from, to - from));
    drain(parser, log, hook);
    from = to;
  }
  parser.feed(stream.subspan(from));
  drain(parser, log, hook);
  if (finish) {
    parser.finish();
    drain(parser, log, hook);
  }
  log.error = parser.error();
  log.upgraded = parser.upgraded();
  log.upgraded_offset = parser.upgraded_offset();
  log.upgraded_bytes = parser.upgraded_bytes();
  return log;
}

template <class Parser>
EventLog<typename Parser::message_type> parse_whole(Parser parser, ByteView stream, bool finish,
                                                    const EventHook<Parser>& hook = {}) {
  return parse_in_pieces(std::move(parser), stream, {}, finish, hook);
}

// Every byte in its own feed.
template <class Parser>
EventLog<typename Parser::message_type> parse_bytewise(Parser parser, ByteView stream, bool finish,
                                                       const EventHook<Parser>& hook = {}) {
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < stream.size(); ++i) cuts.push_back(i);
  return parse_in_pieces(std::move(parser), stream, cuts, finish, hook);
}

template <class Message>
bool same(const EventLog<Message>& a, const EventLog<Message>& b) {
  const bool same_error =
      a.error.has_value() == b.error.has_value() &&
      (!a.error || (a.error->reason == b.error->reason && a.error->offset == b.error->offset));
  return a.events == b.events && same_error && a.upgraded == b.upgraded &&
         a.upgraded_offset == b.upgraded_offset && a.upgraded_bytes == b.upgraded_bytes;
}

// A readable, comparable rendering: one line per event, body bytes escaped.
inline std::string escaped(ByteView bytes) {
  std::string out;
  for (const std::uint8_t byte : bytes) {
    if (byte == '\r') {
      out += "\\r";
    } else if (byte == '\n') {
      out += "\\n";
    } else if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
      out += static_cast<char>(byte);
    } else {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out;
}

inline std::string describe_fields(const Fields& fields) {
  std::string out;
  for (const Field& field : fields) out += " [" + field.name + ": " + field.value + "]";
  return out;
}

inline std::string describe_start(const Request& request) {
  return request.method + " " + request.target + " " + request.version;
}

inline std::string describe_start(const Response& response) {
  return response.version + " " + std::to_string(response.status) + " " + response.reason;
}

template <class Message>
std::string describe(const EventLog<Message>& log) {
  std::string out;
  for (const auto& event : log.events) {
    if (const auto* head = std::get_if<Head<Message>>(&event)) {
      out += "head @" + std::to_string(head->offset) + "+" + std::to_string(head->size) + " " +
             describe_start(head->message) + describe_fields(head->message.fields) + "\n";
    } else if (const auto* body = std::get_if<BodyData>(&event)) {
      out += "body @" + std::to_string(body->offset) + " " + escaped(body->data) + "\n";
    } else {
      const auto& end = std::get<MessageEnd>(event);
      out += "end @" + std::to_string(end.offset) + describe_fields(end.trailers) + "\n";
    }
  }
  if (log.error)
    out += "error @" + std::to_string(log.error->offset) + " " + log.error->reason + "\n";
  if (log.upgraded) {
    out += "upgraded @" + std::to_string(log.upgraded_offset) + " " + escaped(log.upgraded_bytes) +
           "\n";
  }
  return out;
}

// Shorthands: what the parsers report on a whole stream, as text.
inline std::string describe_requests(std::string_view stream, bool finish = false) {
  return describe(parse_whole(RequestParser{}, to_bytes(stream), finish));
}

inline std::string describe_responses(std::string_view stream,
                                      std::initializer_list<std::string_view> methods = {},
                                      bool finish = false) {
  ResponseParser parser;
  for (const std::string_view method : methods) parser.expect_response_to(method);
  return describe(parse_whole(parser, to_bytes(stream), finish));
}

}  // namespace pushlab::sim::wire::http::testing
