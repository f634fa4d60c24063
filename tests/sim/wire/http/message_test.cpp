#include "sim/wire/http/message.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim::wire::http;

// Phrases as RFC 9110 section 15 lists them (section 15.1 table).
TEST_CASE("reason_phrase gives the RFC 9110 phrase, and nothing for unknown codes") {
  CHECK(reason_phrase(100) == "Continue");
  CHECK(reason_phrase(101) == "Switching Protocols");
  CHECK(reason_phrase(200) == "OK");
  CHECK(reason_phrase(204) == "No Content");
  CHECK(reason_phrase(304) == "Not Modified");
  CHECK(reason_phrase(400) == "Bad Request");
  CHECK(reason_phrase(413) == "Content Too Large");      // was "Payload Too Large" in RFC 7231
  CHECK(reason_phrase(422) == "Unprocessable Content");  // new name in RFC 9110
  CHECK(reason_phrase(426) == "Upgrade Required");
  CHECK(reason_phrase(429) == "Too Many Requests");  // RFC 6585
  CHECK(reason_phrase(503) == "Service Unavailable");
  CHECK(reason_phrase(505) == "HTTP Version Not Supported");
  CHECK(reason_phrase(306) == "");  // reserved, unused
  CHECK(reason_phrase(418) == "");  // reserved, unused
  CHECK(reason_phrase(299) == "");
  CHECK(reason_phrase(0) == "");
}

TEST_CASE("make_response fills in the standard reason phrase") {
  const Response response = make_response(101);
  CHECK(response.status == 101);
  CHECK(response.reason == "Switching Protocols");
  CHECK(response.version == "HTTP/1.1");
  CHECK(response.fields.empty());
  CHECK(response.body.empty());
}
