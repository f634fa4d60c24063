#include "sim/wire/http/serialize.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::http;
using namespace std::literals;

namespace {

std::string text_of(const Bytes& bytes) {
  return std::string(as_text(bytes));
}

// The message of the std::invalid_argument that `write` throws, or "" if it throws nothing.
template <class Write>
std::string rejection(Write write) {
  try {
    write();
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a request is its start line, its fields in order, an empty line and nothing else") {
  Request request;
  request.method = "GET";
  request.target = "/poll?since=3";
  request.fields.add("Host", "example.com");
  request.fields.add("Accept", "application/json");
  CHECK(text_of(serialize(request)) ==
        "GET /poll?since=3 HTTP/1.1\r\n"
        "Host: example.com\r\n"
        "Accept: application/json\r\n"
        "\r\n");
}

TEST_CASE("serialization adds no field of its own") {
  Request request;
  request.method = "GET";
  request.target = "/";
  CHECK(text_of(serialize(request)) == "GET / HTTP/1.1\r\n\r\n");
  CHECK(text_of(serialize(Response{})) == "HTTP/1.1 200 \r\n\r\n");  // empty reason, legal
}

TEST_CASE("set_body sets Content-Type and Content-Length, and the body follows the head") {
  Response response = make_response(200);
  response.fields.add("Cache-Control", "no-store");
  set_body(response, to_bytes("{\"n\":1}"), "application/json");
  CHECK(text_of(serialize(response)) ==
        "HTTP/1.1 200 OK\r\n"
        "Cache-Control: no-store\r\n"
        "Content-Type: application/json\r\n"
        "Content-Length: 7\r\n"
        "\r\n"
        "{\"n\":1}");

  Request request;
  request.method = "POST";
  request.target = "/send";
  request.fields.add("Host", "h");
  set_body(request, to_bytes("hello"), "text/plain");
  CHECK(text_of(serialize(request)) ==
        "POST /send HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"
        "hello");
}

TEST_CASE("set_body replaces earlier framing fields") {
  Response response = make_response(200);
  response.fields.add("Content-Length", "99");
  response.fields.add("Transfer-Encoding", "chunked");
  response.fields.add("Content-Type", "text/html");
  set_body(response, to_bytes("ab"), "");
  CHECK(response.fields == Fields{{"Content-Length", "2"}});
  CHECK(text_of(serialize(response)) == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab");
}

TEST_CASE("the opening handshake response of RFC 6455 section 1.3, byte for byte") {
  Response response = make_response(101);
  response.fields.add("Upgrade", "websocket");
  response.fields.add("Connection", "Upgrade");
  response.fields.add("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  CHECK(text_of(serialize(response)) ==
        "HTTP/1.1 101 Switching Protocols\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
        "\r\n");
}

TEST_CASE("serialize_head leaves the body out, for streams and for answers to HEAD") {
  Response stream = make_response(200);
  stream.fields.add("Content-Type", "text/event-stream");
  stream.body = to_bytes("data: not sent\n\n");
  CHECK(text_of(serialize_head(stream)) ==
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");

  Response to_head = make_response(200);
  to_head.fields.add("Content-Length", "1234");  // the size a GET would have got
  CHECK(text_of(serialize_head(to_head)) == "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
}

TEST_CASE("a head written piece by piece is the head serialize_head writes") {
  Request request;
  request.method = "POST";
  request.target = "/send?client=3";
  request.fields.add("Host", "pushlab.example");
  request.fields.add("Content-Length", "0");
  Bytes pieces;
  write_request_line(pieces, request.method, request.target);
  write_field_lines(pieces, request.fields);
  append(pieces, "\r\n");
  CHECK(pieces == serialize_head(request));

  Response response = make_response(404);
  response.fields.add("Cache-Control", "no-store");
  pieces.clear();
  write_status_line(pieces, 404, "Not Found");
  write_field_lines(pieces, response.fields);
  append(pieces, "\r\n");
  CHECK(pieces == serialize_head(response));

  Bytes untouched = to_bytes("kept");
  CHECK(rejection([&] { write_request_line(untouched, "GET", "/a b"); }) ==
        "HTTP message: request target \"/a b\" must be non-empty visible ASCII without spaces");
  CHECK(rejection([&] { write_status_line(untouched, 1000, "Big"); }) ==
        "HTTP message: status 1000 is not between 100 and 599");
  CHECK(rejection([&] {
          write_field_lines(untouched, {{"X", "a\nb"}});
        }) == "HTTP message: value of \"X\" holds CR, LF, NUL or another control byte");
  CHECK(text_of(untouched) == "kept");  // a rejected piece writes nothing
}

TEST_CASE("a 304 keeps its Content-Length without a body") {
  Response response = make_response(304);
  response.fields.add("Content-Length", "1234");
  CHECK(text_of(serialize(response)) ==
        "HTTP/1.1 304 Not Modified\r\nContent-Length: 1234\r\n\r\n");
}

TEST_CASE("chunks: size in lower-case hex without leading zeros, CRLF, data, CRLF") {
  CHECK(text_of(encode_chunk(to_bytes("Wiki"))) == "4\r\nWiki\r\n");
  CHECK(text_of(encode_chunk(to_bytes("abcdefghijklmnopqrstuvwxyz"))) ==
        "1a\r\nabcdefghijklmnopqrstuvwxyz\r\n");
  const Bytes big = encode_chunk(Bytes(4096, 'x'));
  CHECK(big.size() == 4 + 2 + 4096 + 2);
  CHECK(text_of(Bytes(big.begin(), big.begin() + 6)) == "1000\r\n");
  CHECK(encode_chunk(Bytes{}).empty());  // not "0\r\n\r\n", which would end the body
  CHECK(text_of(last_chunk()) == "0\r\n\r\n");
  CHECK(text_of(last_chunk({{"X-Checksum", "abc"}})) == "0\r\nX-Checksum: abc\r\n\r\n");
}

TEST_CASE("no malformed message can be written by accident") {
  const auto request_with = [](std::string method, std::string target, std::string version) {
    Request request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.version = std::move(version);
    return request;
  };
  const auto request_with_field = [&](std::string name, std::string value) {
    Request request = request_with("GET", "/", "HTTP/1.1");
    request.fields.add(std::move(name), std::move(value));
    return request;
  };
  CHECK(rejection([&] { serialize(request_with("GE T", "/", "HTTP/1.1")); }) ==
        "HTTP message: method \"GE T\" is not a token");
  CHECK(rejection([&] { serialize(request_with("", "/", "HTTP/1.1")); }) ==
        "HTTP message: method \"\" is not a token");
  CHECK(rejection([&] { serialize(request_with("GET", "/a b", "HTTP/1.1")); }) ==
        "HTTP message: request target \"/a b\" must be non-empty visible ASCII without spaces");
  CHECK(rejection([&] { serialize(request_with("GET", "", "HTTP/1.1")); }) != "");
  CHECK(rejection([&] { serialize(request_with("GET", "/", "HTTP/2")); }) ==
        "HTTP message: version \"HTTP/2\" is not HTTP/1.0 or HTTP/1.1");

  CHECK(rejection([&] { serialize(request_with_field("X Y", "1")); }) ==
        "HTTP message: field name \"X Y\" is not a token");
  CHECK(rejection([&] { serialize(request_with_field("X:Y", "1")); }) != "");
  CHECK(rejection([&] { serialize(request_with_field("", "1")); }) != "");
  CHECK(rejection([&] { serialize(request_with_field("X", "a\r\nInjected: 1")); }) ==
        "HTTP message: value of \"X\" holds CR, LF, NUL or another control byte");
  CHECK(rejection([&] { serialize(request_with_field("X", "a\nb")); }) != "");
  CHECK(rejection([&] { serialize(request_with_field("X", "a\0b"s)); }) != "");
  CHECK(rejection([&] { serialize_head(request_with_field("X", " padded")); }) ==
        "HTTP message: value of \"X\" starts or ends with whitespace");
  CHECK(rejection([&] { serialize(request_with_field("Bad\r\nName", "1")); }) ==
        "HTTP message: field name \"Bad\\x0d\\x0aName\" is not a token");

  Response response = make_response(200);
  response.status = 42;
  CHECK(rejection([&] { serialize(response); }) ==
        "HTTP message: status 42 is not between 100 and 599");
  response = make_response(200);
  response.reason = "OK\r\nSet-Cookie: x";
  CHECK(rejection([&] { serialize_head(response); }) ==
        "HTTP message: reason phrase holds CR, LF, NUL or another control byte");
  CHECK(rejection([&] { last_chunk({{"X", "a\rb"}}); }) != "");
}

TEST_CASE("a body must be the one the framing fields announce") {
  Request post;
  post.method = "POST";
  post.target = "/";
  post.body = to_bytes("hello");
  CHECK(rejection([&] { serialize(post); }) ==
        "HTTP message: a request with a body needs Content-Length or Transfer-Encoding");
  post.fields.add("Content-Length", "4");
  CHECK(rejection([&] { serialize(post); }) ==
        "HTTP message: Content-Length \"4\" but the body has 5 bytes");
  post.fields.set("Content-Length", "five");
  CHECK(rejection([&] { serialize(post); }) ==
        "HTTP message: Content-Length \"five\" is not a number");
  post.fields.set("Content-Length", "5");
  CHECK(rejection([&] { serialize(post); }) == "");
  post.fields.add("Transfer-Encoding", "chunked");
  CHECK(rejection([&] { serialize(post); }) ==
        "HTTP message: both Content-Length and Transfer-Encoding (a reader could not tell which "
        "to trust)");

  Response no_content = make_response(204);
  no_content.body = to_bytes("x");
  CHECK(rejection([&] { serialize(no_content); }) == "HTTP message: a 204 response has no body");
  Response interim = make_response(100);
  interim.body = to_bytes("x");
  CHECK(rejection([&] { serialize(interim); }) == "HTTP message: a 100 response has no body");

  Response mismatch = make_response(200);
  mismatch.fields.add("Content-Length", "3");
  CHECK(rejection([&] { serialize(mismatch); }) ==
        "HTTP message: Content-Length \"3\" but the body has 0 bytes");
  CHECK(rejection([&] { serialize_head(mismatch); }) == "");  // the body follows elsewhere
}
