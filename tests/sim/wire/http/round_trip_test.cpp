// What serialize writes, the parsers read back as the same message, alone or pipelined.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/wire/http/parser.hpp"
#include "sim/wire/http/serialize.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::http;

namespace {

Request request(std::string method, std::string target, Fields fields = {}) {
  Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.fields = std::move(fields);
  return r;
}

Response response(int status, Fields fields = {}) {
  Response r = make_response(status);
  r.fields = std::move(fields);
  return r;
}

Bytes every_byte_value() {
  Bytes bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<std::uint8_t>(i));
  return bytes;
}

std::vector<Request> sample_requests() {
  std::vector<Request> requests;
  requests.push_back(request("GET", "/poll?since=42&client=a%20b",
                             {{"Host", "example.com"}, {"Accept", "application/json"}}));
  requests.push_back(request("POST", "/send", {{"Host", "h"}}));
  set_body(requests.back(), to_bytes("{\"text\":\"hi\"}"), "application/json");
  requests.push_back(request("PUT", "/blob"));
  set_body(requests.back(), every_byte_value(), "application/octet-stream");
  requests.push_back(request("OPTIONS", "*", {{"Host", "h"}}));
  requests.push_back(request("CONNECT", "example.com:443", {{"Host", "example.com:443"}}));
  requests.push_back(request("DELETE", "/x", {{"Content-Length", "0"}}));
  requests.push_back(request("GET", "/", {{"X-Empty", ""}, {"X-Text", "caf\xc3\xa9\tok"}}));
  requests.push_back(request("GET", "/old"));
  requests.back().version = "HTTP/1.0";
  return requests;
}

std::vector<Response> sample_responses() {
  std::vector<Response> responses;
  responses.push_back(response(200, {{"Cache-Control", "no-store"}}));
  set_body(responses.back(), to_bytes("{\"messages\":[]}"), "application/json");
  responses.push_back(response(204));
  responses.push_back(response(304, {{"ETag", "\"v1\""}, {"Content-Length", "15"}}));
  responses.push_back(response(404));
  set_body(responses.back(), to_bytes("no such channel\n"), "text/plain; charset=utf-8");
  responses.push_back(response(503, {{"Retry-After", "2"}, {"Content-Length", "0"}}));
  responses.push_back(response(500, {{"Content-Length", "0"}}));
  responses.back().reason = "";
  responses.push_back(response(200));
  set_body(responses.back(), every_byte_value(), "application/octet-stream");
  return responses;
}

template <class Parser, class Message>
std::vector<Message> read_back(Parser parser, const Bytes& stream) {
  parser.feed(stream);
  parser.finish();
  std::vector<Message> messages;
  while (auto whole = parser.next_message()) messages.push_back(std::move(whole->message));
  CHECK_FALSE(parser.failed());
  return messages;
}

}  // namespace

TEST_CASE("requests read back as written, one at a time and pipelined") {
  const auto requests = sample_requests();
  Bytes pipelined;
  for (const Request& original : requests) {
    CAPTURE(original.method);
    const Bytes bytes = serialize(original);
    CHECK(read_back<RequestParser, Request>(RequestParser{}, bytes) == std::vector{original});
    append(pipelined, bytes);
  }
  CHECK(read_back<RequestParser, Request>(RequestParser{}, pipelined) == requests);
}

TEST_CASE("responses read back as written, one at a time and pipelined") {
  const auto responses = sample_responses();
  Bytes pipelined;
  for (const Response& original : responses) {
    CAPTURE(original.status);
    const Bytes bytes = serialize(original);
    CHECK(read_back<ResponseParser, Response>(ResponseParser{}, bytes) == std::vector{original});
    append(pipelined, bytes);
  }
  CHECK(read_back<ResponseParser, Response>(ResponseParser{}, pipelined) == responses);
}

TEST_CASE("a response written as a head and chunks reads back as its data and trailers") {
  Response head =
      response(200, {{"Content-Type", "text/event-stream"}, {"Transfer-Encoding", "chunked"}});
  Bytes stream = serialize_head(head);
  append(stream, encode_chunk(to_bytes("data: one\n\n")));
  append(stream, encode_chunk(Bytes{}));  // nothing to send, nothing sent
  append(stream, encode_chunk(every_byte_value()));
  append(stream, last_chunk({{"X-Events", "2"}}));

  ResponseParser parser;
  parser.feed(stream);
  auto whole = parser.next_message();
  REQUIRE(whole.has_value());
  Bytes expected_body = to_bytes("data: one\n\n");
  append(expected_body, every_byte_value());
  CHECK(whole->message.body == expected_body);
  CHECK(whole->message.fields == head.fields);
  CHECK(whole->trailers == Fields{{"X-Events", "2"}});
  CHECK(whole->end_offset == stream.size());
}

TEST_CASE("a message parsed and written again gives back the same bytes") {
  const std::string canonical[] = {
      "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n",
      "POST /messages HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc",
  };
  for (const std::string& text : canonical) {
    RequestParser parser;
    parser.feed(to_bytes(text));
    auto whole = parser.next_message();
    REQUIRE(whole.has_value());
    CHECK(as_text(serialize(whole->message)) == text);
  }
  ResponseParser parser;
  const std::string sse_head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
      "Cache-Control: no-cache\r\n\r\n";
  parser.feed(to_bytes(sse_head));
  auto head = parser.next();
  REQUIRE(head.has_value());
  CHECK(as_text(serialize_head(std::get<Head<Response>>(*head).message)) == sse_head);
}
