#include "sim/net/cookie_jar.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim;

namespace {

WireFrame http_frame(std::string_view text) {
  return {.layer = Layer::http, .kind = "request", .bytes = wire::to_bytes(text)};
}

}  // namespace

TEST_CASE("a browser keeps the balancer's cookie and sends it with every later request") {
  CookieJar jar;
  WireFrame request = http_frame("GET /lp?client=1 HTTP/1.1\r\nHost: h\r\n\r\n");
  jar.add_to(request);
  CHECK(wire::as_text(request.bytes) == "GET /lp?client=1 HTTP/1.1\r\nHost: h\r\n\r\n");
  jar.take(
      http_frame("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                 "Set-Cookie: pushlab_node=s3; Path=/\r\n\r\nok"));
  jar.add_to(request);
  CHECK(wire::as_text(request.bytes) ==
        "GET /lp?client=1 HTTP/1.1\r\nHost: h\r\nCookie: pushlab_node=s3\r\n\r\n");
  // A later Set-Cookie of the same name replaces it.
  jar.take(http_frame("HTTP/1.1 204 No Content\r\nSet-Cookie: pushlab_node=s1; Path=/\r\n\r\n"));
  WireFrame next = http_frame(
      "POST /send?client=1 HTTP/1.1\r\nHost: h\r\n"
      "Content-Length: 2\r\n\r\nhi");
  jar.add_to(next);
  CHECK(wire::as_text(next.bytes) ==
        "POST /send?client=1 HTTP/1.1\r\nHost: h\r\n"
        "Content-Length: 2\r\nCookie: pushlab_node=s1\r\n\r\nhi");
}

TEST_CASE("the jar's cookies join a Cookie field the page sends itself") {
  CookieJar jar;
  jar.take(http_frame("HTTP/1.1 200 OK\r\nSet-Cookie: pushlab_node=s2\r\n\r\n"));
  WireFrame request = http_frame("GET / HTTP/1.1\r\nHost: h\r\nCookie: theme=dark\r\n\r\n");
  jar.add_to(request);
  CHECK(wire::as_text(request.bytes) ==
        "GET / HTTP/1.1\r\nHost: h\r\nCookie: theme=dark; pushlab_node=s2\r\n\r\n");
}

TEST_CASE("cookie values are found by name, and malformed Set-Cookie values are ignored") {
  CHECK(cookie_value("a=1; pushlab_node=s3; b=2", "pushlab_node") == "s3");
  CHECK(cookie_value("pushlab_node_x=s3", "pushlab_node") == std::nullopt);
  CHECK_FALSE(parse_set_cookie("no equals sign").has_value());
  CHECK_FALSE(parse_set_cookie("=value").has_value());
  CHECK(parse_set_cookie(" pushlab_node = s4 ; Path=/")->second == "s4");
}
