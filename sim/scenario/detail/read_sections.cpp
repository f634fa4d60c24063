#include "sim/scenario/detail/read_sections.hpp"

#include <array>
#include <string>

#include "sim/json/describe.hpp"
#include "sim/json/object_reader.hpp"
#include "sim/json/read_value.hpp"
#include "sim/scenario/detail/header_rules.hpp"
#include "sim/scenario/detail/header_syntax.hpp"
#include "sim/scenario/detail/read_fields.hpp"
#include "sim/scenario/fields.hpp"
#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::sim::detail {

using json::describe;
using json::fail_type;
using json::Json;
using json::Location;
using json::ObjectReader;
using json::read_string;

namespace {

constexpr std::array<std::string_view, 2> kHttpFields = {"request_headers", "response_headers"};

std::vector<HeaderField> read_header_fields(const Json& value, const Location& where,
                                            HeaderSide side) {
  if (!value.is_object()) fail_type(value, where, "an object of header names and values");
  std::vector<HeaderField> fields;
  for (const auto& [name, field_value] : value.items()) {
    const Location field_where = where.field(name);
    if (!is_http_token(name)) {
      field_where.fail(describe(Json(name)) + " is not a valid header name (expected " +
                       std::string(kHttpTokenDescription) + ")");
    }
    for (const HeaderField& earlier : fields) {
      if (wire::http::iequals(earlier.name, name)) {
        field_where.fail(describe(Json(name)) + " is given twice, as " +
                         describe(Json(earlier.name)) + " before (expected each field once)");
      }
    }
    const std::string& text = read_string(field_value, field_where);
    if (!is_header_value(text)) {
      field_where.fail(describe(field_value) + " is not a valid header value (expected " +
                       std::string(kHeaderValueDescription) + ")");
    }
    if (const auto why = why_not_settable(name, text, side)) {
      field_where.fail(describe(Json(name)) + ": " + describe(field_value) +
                       " cannot be set by a scenario: " + *why);
    }
    fields.push_back({name, text});
  }
  return fields;
}

}  // namespace

Network read_network(const Json& value, const Location& where) {
  return read_fields(value, where, kNetworkFields);
}

Proxy read_proxy(const Json& value, const Location& where) {
  return read_fields(value, where, kProxyFields);
}

HttpHeaders read_http(const Json& value, const Location& where) {
  const ObjectReader object(value, where, kHttpFields);
  HttpHeaders http;
  if (const Json* fields = object.find("request_headers")) {
    http.request_headers =
        read_header_fields(*fields, object.location("request_headers"), HeaderSide::request);
  }
  if (const Json* fields = object.find("response_headers")) {
    http.response_headers =
        read_header_fields(*fields, object.location("response_headers"), HeaderSide::response);
  }
  return http;
}

ShortPollOptions read_short_poll(const Json& value, const Location& where) {
  return read_fields(value, where, kShortPollFields);
}

LongPollOptions read_long_poll(const Json& value, const Location& where) {
  return read_fields(value, where, kLongPollFields);
}

WebSocketOptions read_websocket(const Json& value, const Location& where) {
  return read_fields(value, where, kWebSocketFields);
}

EngineIoOptions read_engine_io(const Json& value, const Location& where) {
  return read_fields(value, where, kEngineIoFields);
}

SseOptions read_sse(const Json& value, const Location& where) {
  return read_fields(value, where, kSseFields);
}

}  // namespace pushlab::sim::detail
