#include "sim/wire/http/parse_one.hpp"

#include "sim/wire/http/parser.hpp"

namespace pushlab::sim::wire::http {

std::optional<Request> parse_request(ByteView bytes) {
  RequestParser parser;
  parser.feed(bytes);
  std::optional<WholeRequest> whole = parser.next_message();
  if (!whole) return std::nullopt;
  return std::move(whole->message);
}

std::optional<Response> parse_response(ByteView bytes) {
  ResponseParser parser;
  parser.feed(bytes);
  std::optional<WholeResponse> whole = parser.next_message();
  if (!whole) return std::nullopt;
  return std::move(whole->message);
}

std::optional<Response> parse_response_head(ByteView bytes) {
  ResponseParser parser;
  parser.feed(bytes);
  while (auto event = parser.next()) {
    if (auto* head = std::get_if<Head<Response>>(&*event)) return std::move(head->message);
  }
  return std::nullopt;
}

}  // namespace pushlab::sim::wire::http
