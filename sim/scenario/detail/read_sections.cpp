#include "sim/scenario/detail/read_sections.hpp"

#include <array>

#include "sim/json/describe.hpp"
#include "sim/json/object_reader.hpp"
#include "sim/json/read_value.hpp"
#include "sim/json/units.hpp"
#include "sim/scenario/detail/header_rules.hpp"
#include "sim/scenario/detail/header_syntax.hpp"
#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::sim::detail {

using json::describe;
using json::fail_range;
using json::fail_type;
using json::from_unit;
using json::Json;
using json::kNanosecondsPerSecond;
using json::Location;
using json::NumberRange;
using json::ObjectReader;
using json::read_seconds;
using json::read_string;

namespace {

constexpr NumberRange kLatencyMs{.min = 0, .max = 60000};
constexpr NumberRange kLossProbability{.min = 0, .max = 1, .excludes_max = true};
constexpr NumberRange kBandwidthKbps{.min = 0, .max = 100'000'000};  // up to 100 Gbit/s
constexpr NumberRange kTimeoutSeconds{.min = 0, .max = 86400};       // 0 = never
// Timers that fire repeatedly start at a millisecond, so one field cannot flood the simulator.
constexpr NumberRange kTimerSeconds{.min = 0.001, .max = 86400};
constexpr NumberRange kRetryMs{.min = 0, .max = 3'600'000};
constexpr std::size_t kMaxBufferBytes = 16 * 1024 * 1024;
// Far above the six connections per host that tabs run into.
constexpr int kMaxTabs = 64;

constexpr std::array<std::string_view, 7> kNetworkFields = {"latency_ms",
                                                            "jitter_ms",
                                                            "loss",
                                                            "bandwidth_kbps",
                                                            "tls",
                                                            "client_proxy_latency_ms",
                                                            "proxy_server_latency_ms"};
constexpr std::array<std::string_view, 5> kProxyFields = {
    "enabled", "strip_upgrade", "idle_timeout_s", "max_request_s", "buffer_bytes"};
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
  const ObjectReader object(value, where, kNetworkFields);
  Network network;
  object.read_milliseconds("latency_ms", kLatencyMs, network.latency);
  object.read_milliseconds("jitter_ms", kLatencyMs, network.jitter);
  object.read_number("loss", kLossProbability, network.loss);
  object.read_number("bandwidth_kbps", kBandwidthKbps, network.bandwidth_kbps);
  object.read_bool("tls", network.tls);
  object.read_milliseconds("client_proxy_latency_ms", kLatencyMs, network.client_proxy_latency);
  object.read_milliseconds("proxy_server_latency_ms", kLatencyMs, network.proxy_server_latency);
  return network;
}

Proxy read_proxy(const Json& value, const Location& where) {
  const ObjectReader object(value, where, kProxyFields);
  Proxy proxy;
  object.read_bool("enabled", proxy.enabled);
  object.read_bool("strip_upgrade", proxy.strip_upgrade);
  object.read_seconds("idle_timeout_s", kTimeoutSeconds, proxy.idle_timeout);
  object.read_seconds("max_request_s", kTimeoutSeconds, proxy.max_request_time);
  object.read_integer<std::size_t>("buffer_bytes", 0, kMaxBufferBytes, proxy.buffer_bytes);
  return proxy;
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
  constexpr std::array<std::string_view, 1> kFields = {"interval_s"};
  const ObjectReader object(value, where, kFields);
  ShortPollOptions options;
  object.read_seconds("interval_s", kTimerSeconds, options.interval);
  return options;
}

LongPollOptions read_long_poll(const Json& value, const Location& where) {
  constexpr std::array<std::string_view, 1> kFields = {"timeout_s"};
  const ObjectReader object(value, where, kFields);
  LongPollOptions options;
  object.read_seconds("timeout_s", kTimerSeconds, options.timeout);
  return options;
}

WebSocketOptions read_websocket(const Json& value, const Location& where) {
  constexpr std::array<std::string_view, 1> kFields = {"ping_interval_s"};
  const ObjectReader object(value, where, kFields);
  WebSocketOptions options;
  const Json* interval = object.find("ping_interval_s");
  if (interval == nullptr) return options;
  const Location interval_where = object.location("ping_interval_s");
  options.ping_interval = read_seconds(*interval, interval_where, kTimeoutSeconds);
  const bool too_frequent =
      options.ping_interval > Nanoseconds{0} &&
      options.ping_interval < from_unit(kTimerSeconds.min, kNanosecondsPerSecond);
  if (too_frequent) {
    fail_range(*interval, interval_where, "0 for no pings, or " + describe(kTimerSeconds));
  }
  return options;
}

SseOptions read_sse(const Json& value, const Location& where) {
  constexpr std::array<std::string_view, 2> kFields = {"retry_ms", "tabs"};
  const ObjectReader object(value, where, kFields);
  SseOptions options;
  object.read_milliseconds("retry_ms", kRetryMs, options.retry);
  object.read_integer("tabs", 1, kMaxTabs, options.tabs);
  return options;
}

}  // namespace pushlab::sim::detail
