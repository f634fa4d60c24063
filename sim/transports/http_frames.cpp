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

// The scenario's fields as written at the end of a head, with the empty line that ends it.
wire::Bytes written_tail(const std::vector<HeaderField>& extra) {
  http::Fields fields;
  for (const HeaderField& field : extra) fields.add(field.name, field.value);
  wire::Bytes tail;
  http::write_field_lines(tail, fields);
  wire::append(tail, "\r\n");
  return tail;
}

// Content-Type (when there is one) and Content-Length, as set_body would add them.
void write_body_fields(wire::Bytes& out, std::size_t size, std::string_view content_type) {
  http::Fields fields;
  if (!content_type.empty()) fields.add("Content-Type", std::string(content_type));
  fields.add("Content-Length", std::to_string(size));
  http::write_field_lines(out, fields);
}

}  // namespace

HttpFrames::HttpFrames(const Scenario& scenario)
    : headers_(scenario.http),
      request_tail_(written_tail(scenario.http.request_headers)),
      response_tail_(written_tail(scenario.http.response_headers)) {}

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
  wire::Bytes out;
  out.reserve(method.size() + target.size() + 64 + request_tail_.size() + body.size());
  http::write_request_line(out, method, target);
  wire::append(out, "Host: ");
  wire::append(out, kHost);
  wire::append(out, "\r\n");
  http::write_field_lines(out, fields);
  if (!body.empty()) write_body_fields(out, body.size(), content_type);
  wire::append(out, request_tail_);
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
  wire::Bytes out;
  out.reserve(64 + response_tail_.size() + body.size());
  http::write_status_line(out, status, http::reason_phrase(status));
  http::write_field_lines(out, fields);
  if (may_have_body) write_body_fields(out, body.size(), content_type);
  wire::append(out, response_tail_);
  wire::append(out, body);
  return out;
}

WireFrame HttpFrames::streamed_response_head(int status, const http::Fields& fields) const {
  wire::Bytes out;
  http::write_status_line(out, status, http::reason_phrase(status));
  http::write_field_lines(out, fields);
  wire::append(out, "Transfer-Encoding: chunked\r\n");
  wire::append(out, response_tail_);
  return {.layer = Layer::http, .kind = "response-head", .bytes = std::move(out)};
}

wire::Bytes HttpFrames::chunk(std::string_view data) {
  return http::encode_chunk(wire::to_bytes(data));
}

WireFrame HttpFrames::last_chunk() {
  return {.layer = Layer::http, .kind = "last-chunk", .bytes = http::last_chunk()};
}

}  // namespace pushlab::sim
