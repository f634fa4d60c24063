#include "sim/transports/http_frames.hpp"

#include <stdexcept>
#include <string>

#include "sim/wire/http/serialize.hpp"

namespace pushlab::sim {

wire::http::Fields fields_of(const std::vector<HeaderField>& headers) {
  wire::http::Fields fields;
  for (const HeaderField& field : headers) fields.add(field.name, field.value);
  return fields;
}

namespace http = wire::http;

namespace {

http::Fields without_host(http::Fields fields) {
  fields.remove("Host");
  return fields;
}

// Fields as written at the end of a head, with the empty line that ends it.
wire::Bytes written_tail(const http::Fields& fields) {
  wire::Bytes tail;
  http::write_field_lines(tail, fields);
  wire::append(tail, "\r\n");
  return tail;
}

// Content-Type (when there is one) and Content-Length, as set_body would add them.
void add_body_fields(http::Fields& fields, std::size_t size, std::string_view content_type) {
  if (!content_type.empty()) fields.add("Content-Type", std::string(content_type));
  fields.add("Content-Length", std::to_string(size));
}

bool shares_a_name(const http::Fields& own, const http::Fields& scenario) {
  for (const http::Field& field : scenario) {
    if (own.find(field.name) != nullptr) return true;
  }
  return false;
}

}  // namespace

HttpFrames::HttpFrames(const Scenario& scenario)
    : headers_(scenario.http),
      request_fields_(without_host(fields_of(scenario.http.request_headers))),
      response_fields_(fields_of(scenario.http.response_headers)),
      request_tail_(written_tail(request_fields_)),
      response_tail_(written_tail(response_fields_)) {}

void HttpFrames::write_fields_and_tail(wire::Bytes& out, const http::Fields& own,
                                       const http::Fields& scenario, const wire::Bytes& tail) {
  if (!shares_a_name(own, scenario)) {
    http::write_field_lines(out, own);
    wire::append(out, tail);
    return;
  }
  http::Fields merged = own;
  http::add_missing_fields(merged, scenario);
  http::write_field_lines(out, merged);
  wire::append(out, "\r\n");
}

WireFrame HttpFrames::request(std::string_view method, std::string_view target,
                              const http::Fields& fields, std::string_view body,
                              std::string_view content_type) const {
  return {.layer = Layer::http,
          .kind = "request",
          .bytes = write_request(method, target, fields, body, content_type)};
}

wire::Bytes HttpFrames::write_request(std::string_view method, std::string_view target,
                                      const http::Fields& fields, std::string_view body,
                                      std::string_view content_type) const {
  http::Fields own{{"Host", std::string(headers_.host())}};
  for (const http::Field& field : fields) own.add(field.name, field.value);
  if (!body.empty()) add_body_fields(own, body.size(), content_type);
  wire::Bytes out;
  out.reserve(method.size() + target.size() + 64 + request_tail_.size() + body.size());
  http::write_request_line(out, method, target);
  write_fields_and_tail(out, own, request_fields_, request_tail_);
  wire::append(out, body);
  return out;
}

WireFrame HttpFrames::response(int status, const http::Fields& fields, std::string_view body,
                               std::string_view content_type) const {
  return {.layer = Layer::http,
          .kind = "response",
          .bytes = write_response(status, fields, body, content_type)};
}

// 1xx, 204 and 304 responses have no body and no Content-Length; every other one says its length,
// even when it is 0.
wire::Bytes HttpFrames::write_response(int status, const http::Fields& fields,
                                       std::string_view body, std::string_view content_type) const {
  const bool may_have_body = status >= 200 && status != 204 && status != 304;
  if (!may_have_body && !body.empty()) {
    throw std::invalid_argument("HttpFrames: a " + std::to_string(status) +
                                " response has no body");
  }
  http::Fields own = fields;
  if (may_have_body) add_body_fields(own, body.size(), content_type);
  wire::Bytes out;
  out.reserve(64 + response_tail_.size() + body.size());
  http::write_status_line(out, status, http::reason_phrase(status));
  write_fields_and_tail(out, own, response_fields_, response_tail_);
  wire::append(out, body);
  return out;
}

WireFrame HttpFrames::response_as_written(int status, const http::Fields& fields,
                                          std::string_view body) const {
  wire::Bytes out;
  out.reserve(64 + response_tail_.size() + body.size());
  http::write_status_line(out, status, http::reason_phrase(status));
  write_fields_and_tail(out, fields, response_fields_, response_tail_);
  wire::append(out, body);
  return {.layer = Layer::http, .kind = "response", .bytes = std::move(out)};
}

WireFrame HttpFrames::streamed_response_head(int status, const http::Fields& fields) const {
  http::Fields own = fields;
  own.add("Transfer-Encoding", "chunked");
  wire::Bytes out;
  http::write_status_line(out, status, http::reason_phrase(status));
  write_fields_and_tail(out, own, response_fields_, response_tail_);
  return {.layer = Layer::http, .kind = "response-head", .bytes = std::move(out)};
}

wire::Bytes HttpFrames::chunk(std::string_view data) {
  return http::encode_chunk(wire::to_bytes(data));
}

WireFrame HttpFrames::last_chunk() {
  return {.layer = Layer::http, .kind = "last-chunk", .bytes = http::last_chunk()};
}

}  // namespace pushlab::sim
