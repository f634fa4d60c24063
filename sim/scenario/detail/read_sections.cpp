#include "sim/scenario/detail/read_sections.hpp"

#include <array>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "sim/json/describe.hpp"
#include "sim/json/object_reader.hpp"
#include "sim/json/read_value.hpp"
#include "sim/scenario/detail/header_rules.hpp"
#include "sim/scenario/detail/header_syntax.hpp"
#include "sim/scenario/fields.hpp"
#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::sim::detail {

using json::describe;
using json::fail_range;
using json::fail_type;
using json::Json;
using json::Location;
using json::NumberRange;
using json::ObjectReader;
using json::read_string;

namespace {

constexpr std::array<std::string_view, 2> kHttpFields = {"request_headers", "response_headers"};

// The field's range, with 0 let in below it when 0 means something of its own.
NumberRange with_zero(const FieldInfo& field) {
  NumberRange range = field.range;
  if (!field.zero_means.empty() && range.min > 0) range.min = 0;
  return range;
}

// A number out of a field's range, refused with what 0 means when it means something: "0 for
// no pings, or a number from 0.001 to 86400", "a number from 0 to 86400, 0 for never".
void check_range(const ObjectReader& object, const FieldInfo& field) {
  const Json* value = object.find(field.key);
  if (value == nullptr || !value->is_number() || field.zero_means.empty()) return;
  const double number = value->get<double>();
  if (number == 0 || json::in_range(number, field.range)) return;
  const std::string zero(field.zero_means);
  const std::string range =
      field.unit == FieldUnit::count
          ? json::describe_integers(static_cast<std::uint64_t>(field.range.min),
                                    static_cast<std::uint64_t>(field.range.max))
          : describe(field.range);
  fail_range(*value, object.location(field.key),
             field.range.min > 0 ? "0 for " + zero + ", or " + range : range + ", 0 for " + zero);
}

void read_field(const ObjectReader& object, const FieldInfo& field, bool& out) {
  object.read_bool(field.key, out);
}

void read_field(const ObjectReader& object, const FieldInfo& field, double& out) {
  object.read_number(field.key, with_zero(field), out);
}

template <std::integral Integer>
void read_field(const ObjectReader& object, const FieldInfo& field, Integer& out) {
  const NumberRange range = with_zero(field);
  object.read_integer(field.key, static_cast<Integer>(range.min), static_cast<Integer>(range.max),
                      out);
}

void read_field(const ObjectReader& object, const FieldInfo& field,
                std::optional<Nanoseconds>& out) {
  object.read_milliseconds(field.key, with_zero(field), out);
}

void read_field(const ObjectReader& object, const FieldInfo& field, Nanoseconds& out) {
  const NumberRange range = with_zero(field);
  if (field.unit == FieldUnit::seconds) {
    object.read_seconds(field.key, range, out);
  } else {
    object.read_milliseconds(field.key, range, out);
  }
}

template <typename Section, std::size_t N>
Section read_fields(const Json& value, const Location& where,
                    const std::array<Field<Section>, N>& table) {
  const std::array<std::string_view, N> keys = keys_of(table);
  const ObjectReader object(value, where, keys);
  Section section;
  for (const Field<Section>& field : table) {
    check_range(object, field.info);
    std::visit([&](auto member) { read_field(object, field.info, section.*member); }, field.member);
  }
  return section;
}

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

SseOptions read_sse(const Json& value, const Location& where) {
  return read_fields(value, where, kSseFields);
}

}  // namespace pushlab::sim::detail
