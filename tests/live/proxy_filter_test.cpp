#include "live/proxy_filter.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace pushlab;
using sim::wire::as_text;
using sim::wire::to_bytes;

std::string through_client(live::ProxyFilter& filter, std::string_view text) {
  return std::string(as_text(filter.from_client(to_bytes(text))));
}

std::string through_server(live::ProxyFilter& filter, std::string_view text) {
  return std::string(as_text(filter.from_server(to_bytes(text))));
}

sim::Proxy proxy(bool strip_upgrade, std::size_t buffer_bytes) {
  sim::Proxy proxy;
  proxy.enabled = true;
  proxy.strip_upgrade = strip_upgrade;
  proxy.buffer_bytes = buffer_bytes;
  return proxy;
}

constexpr std::string_view kUpgrade =
    "GET /ws?client=1 HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

TEST_CASE("strip_upgrade removes Upgrade and Connection, even from a head split in pieces") {
  live::ProxyFilter filter(proxy(true, 0));
  std::string out = through_client(filter, kUpgrade.substr(0, 40));
  CHECK(out.empty());  // a head is held until it is whole
  out += through_client(filter, kUpgrade.substr(40));
  CHECK(out ==
        "GET /ws?client=1 HTTP/1.1\r\nHost: h\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n");
  CHECK(filter.awaiting_response());
}

TEST_CASE("without interference, requests pass byte for byte and a 101 makes a tunnel") {
  live::ProxyFilter filter(proxy(false, 0));
  CHECK(through_client(filter, kUpgrade) == kUpgrade);
  CHECK(filter.awaiting_response());
  CHECK(through_server(filter,
                       "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                       "Connection: Upgrade\r\n\r\n\x81\x02hi") ==
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
        "\x81\x02hi");
  CHECK_FALSE(filter.awaiting_response());
  CHECK(filter.tunnel());
  CHECK(through_client(filter, "\x81\x82garbage") == "\x81\x82garbage");
}

TEST_CASE("buffer_bytes holds a streamed body until enough has gathered, then the rest at close") {
  live::ProxyFilter filter(proxy(false, 40));
  through_client(filter, "GET /events?client=1 HTTP/1.1\r\nHost: h\r\n\r\n");
  const std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
  CHECK(through_server(filter, head) == head);             // the head is never held
  const std::string event = "f\r\ndata: #0 abcd\n\n\r\n";  // 20 bytes with its chunk framing
  CHECK(through_server(filter, event).empty());
  CHECK(through_server(filter, event) == event + event);  // 40 gathered
  CHECK(through_server(filter, event).empty());
  CHECK(std::string(as_text(filter.server_closed())) == event);
}

TEST_CASE("a stream that says X-Accel-Buffering: no is not held, as nginx does not hold it") {
  live::ProxyFilter filter(proxy(false, 40));
  through_client(filter, "GET /events?client=1 HTTP/1.1\r\nHost: h\r\n\r\n");
  const std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
      "X-Accel-Buffering: No\r\n\r\n";
  CHECK(through_server(filter, head) == head);
  const std::string event = "f\r\ndata: #0 abcd\n\n\r\n";
  CHECK(through_server(filter, event) == event);  // at once, though the buffer is not full
}

TEST_CASE("a whole response is not held by the buffer") {
  live::ProxyFilter filter(proxy(false, 4096));
  through_client(filter, "GET /poll?client=1 HTTP/1.1\r\nHost: h\r\n\r\n");
  const std::string response = "HTTP/1.1 204 No Content\r\n\r\n";
  CHECK(through_server(filter, response) == response);
}

}  // namespace
