#pragma once
// Incremental HTTP/1.1 parsers (RFC 9112) for bytes that arrive split anywhere, even one at a
// time. Feed bytes, then pull events (a head, body pieces, the end of a message) until next()
// says more bytes are needed:
//
//   RequestParser parser;
//   parser.feed(bytes);
//   while (auto event = parser.next()) { ... }
//   if (parser.failed()) show(parser.error()->reason, parser.error()->offset);
//
// Limits are enforced as bytes arrive, and whatever is wrong is reported once, with the offset
// of the first bad byte; the parser then stays failed. After an upgrade (a 101 response, or a
// request the caller accepted with mark_upgraded()) the bytes that follow are not HTTP: they are
// handed over untouched as upgraded_bytes().

#include <deque>
#include <string>
#include <string_view>

#include "sim/wire/http/detail/basic_parser.hpp"

namespace pushlab::sim::wire::http {

using RequestEvent = Event<Request>;
using ResponseEvent = Event<Response>;
using WholeRequest = WholeMessage<Request>;
using WholeResponse = WholeMessage<Response>;

// A server reading requests. A request without Content-Length or Transfer-Encoding has no body.
class RequestParser : public detail::BasicParser<Request> {
 public:
  explicit RequestParser(ParserLimits limits = {}) : BasicParser(limits) {}

 private:
  std::variant<detail::BodyPlan, DecodeError> plan_body(const Request& head,
                                                        const detail::FramingFacts& facts) override;
};

// A client reading responses. Whether a response has a body can depend on the request it
// answers (RFC 9112 section 6.3): call expect_response_to() with each request's method, in the
// order the requests were sent. Without one, a response is taken to answer a GET. A response
// with neither Content-Length nor chunked ends when the connection closes: call finish().
class ResponseParser : public detail::BasicParser<Response> {
 public:
  explicit ResponseParser(ParserLimits limits = {}) : BasicParser(limits) {}

  void expect_response_to(std::string_view method) { methods_.emplace_back(method); }

 private:
  std::variant<detail::BodyPlan, DecodeError> plan_body(const Response& head,
                                                        const detail::FramingFacts& facts) override;

  std::deque<std::string> methods_;  // of requests still waiting for their final response
};

}  // namespace pushlab::sim::wire::http
