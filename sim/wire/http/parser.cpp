#include "sim/wire/http/parser.hpp"

namespace pushlab::sim::wire::http {

std::variant<detail::BodyPlan, DecodeError> RequestParser::plan_body(
    const Request& /*head*/, const detail::FramingFacts& facts) {
  return detail::plan_request_body(facts);
}

// An interim (1xx) response is followed by another response to the same request, except 101,
// after which nothing on the connection is HTTP any more.
std::variant<detail::BodyPlan, DecodeError> ResponseParser::plan_body(
    const Response& head, const detail::FramingFacts& facts) {
  const std::string method = methods_.empty() ? "GET" : methods_.front();
  const bool is_interim = head.status / 100 == 1 && head.status != 101;
  if (!is_interim && !methods_.empty()) methods_.pop_front();
  return detail::plan_response_body(facts, head.status, method);
}

}  // namespace pushlab::sim::wire::http
