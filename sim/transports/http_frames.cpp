#include "sim/transports/http_frames.hpp"

#include "sim/wire/http/serialize.hpp"

namespace pushlab::sim {

namespace http = wire::http;

void HttpFrames::add_scenario_fields(http::Fields& fields,
                                     const std::vector<HeaderField>& extra) const {
  for (const HeaderField& field : extra) fields.add(field.name, field.value);
}

const wire::Bytes& HttpFrames::remembered(std::string key,
                                          const std::function<wire::Bytes()>& write) const {
  auto found = written_.find(key);
  if (found == written_.end()) found = written_.emplace(std::move(key), write()).first;
  return found->second;
}

namespace {

std::string key_of(std::string_view start, const http::Fields& fields) {
  std::string key(start);
  for (const http::Field& field : fields)
    key.append("\n").append(field.name).append(": ").append(field.value);
  return key;
}

}  // namespace

WireFrame HttpFrames::request(std::string_view method, std::string_view target, http::Fields fields,
                              std::string_view body, std::string_view content_type) const {
  return {.layer = Layer::http,
          .kind = "request",
          .bytes = write_request(method, target, fields, body, content_type)};
}

WireFrame HttpFrames::repeated_request(std::string_view method, std::string_view target,
                                       const http::Fields& fields) const {
  const std::string key = key_of(std::string(method) + " " + std::string(target), fields);
  return {.layer = Layer::http,
          .kind = "request",
          .bytes = remembered(key, [&] { return write_request(method, target, fields, {}, {}); })};
}

wire::Bytes HttpFrames::write_request(std::string_view method, std::string_view target,
                                      const http::Fields& fields, std::string_view body,
                                      std::string_view content_type) const {
  http::Request request;
  request.method = std::string(method);
  request.target = std::string(target);
  request.fields.add("Host", std::string(kHost));
  for (const http::Field& field : fields) request.fields.add(field.name, field.value);
  if (!body.empty()) http::set_body(request, wire::to_bytes(body), content_type);
  add_scenario_fields(request.fields, headers_.request_headers);
  return http::serialize(request);
}

WireFrame HttpFrames::response(int status, http::Fields fields, std::string_view body,
                               std::string_view content_type) const {
  if (body.empty()) {
    const std::string key = key_of(std::to_string(status), fields);
    return {.layer = Layer::http,
            .kind = "response",
            .bytes = remembered(key, [&] { return write_response(status, fields, {}, {}); })};
  }
  return {.layer = Layer::http,
          .kind = "response",
          .bytes = write_response(status, fields, body, content_type)};
}

wire::Bytes HttpFrames::write_response(int status, const http::Fields& fields,
                                       std::string_view body, std::string_view content_type) const {
  http::Response response = http::make_response(status);
  response.fields = fields;
  const bool may_have_body = status >= 200 && status != 204 && status != 304;
  if (may_have_body) http::set_body(response, wire::to_bytes(body), content_type);
  add_scenario_fields(response.fields, headers_.response_headers);
  return http::serialize(response);
}

WireFrame HttpFrames::streamed_response_head(int status, http::Fields fields) const {
  http::Response response = http::make_response(status);
  response.fields = std::move(fields);
  response.fields.add("Transfer-Encoding", "chunked");
  add_scenario_fields(response.fields, headers_.response_headers);
  return {.layer = Layer::http, .kind = "response-head", .bytes = http::serialize_head(response)};
}

wire::Bytes HttpFrames::chunk(std::string_view data) {
  return http::encode_chunk(wire::to_bytes(data));
}

WireFrame HttpFrames::last_chunk() {
  return {.layer = Layer::http, .kind = "last-chunk", .bytes = http::last_chunk()};
}

}  // namespace pushlab::sim
