#pragma once
// HTTP/1.1 messages (RFC 9112) as plain data: what the start line and the fields say, and the
// body as it travels (still chunk-encoded if the fields say Transfer-Encoding: chunked).

#include <string>
#include <string_view>

#include "sim/wire/bytes.hpp"
#include "sim/wire/http/fields.hpp"

namespace pushlab::sim::wire::http {

struct Request {
  std::string method;
  std::string target;
  std::string version = "HTTP/1.1";
  Fields fields;
  Bytes body;

  bool operator==(const Request&) const = default;
};

struct Response {
  int status = 200;
  std::string reason;  // written as is; an empty one is legal (RFC 9112 section 4)
  std::string version = "HTTP/1.1";
  Fields fields;
  Bytes body;

  bool operator==(const Response&) const = default;
};

// The standard reason phrase of a status code (RFC 9110 section 15, and 429 from RFC 6585), ""
// for codes they do not define.
std::string_view reason_phrase(int status);

// A response with the standard reason phrase of its status: make_response(101).
inline Response make_response(int status) {
  Response response;
  response.status = status;
  response.reason = reason_phrase(status);
  return response;
}

}  // namespace pushlab::sim::wire::http
