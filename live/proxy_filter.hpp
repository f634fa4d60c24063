#pragma once
// What the scenario's proxy does to the bytes it relays, as the simulator's ProxyRelay does to
// frames (sim/net/proxy_relay.hpp), on one client connection:
// - strip_upgrade: removes Upgrade and Connection from each request head;
// - buffer_bytes: holds back a streamed (chunked) response's body until that many bytes have
//   gathered or the response ends;
// and it tells the relay whether a request is waiting for its response (for max_request_s).
// After a 101 the connection is a tunnel and bytes pass untouched, as they do when the stream
// is not HTTP the proxy can read. Pure: bytes in, bytes out, no clock.

#include <cstdint>

#include "sim/scenario/scenario.hpp"
#include "sim/wire/bytes.hpp"
#include "sim/wire/http/parser.hpp"

namespace pushlab::live {

// Bytes of a stream kept until they are passed on, addressed by their offset in the stream.
class StreamWindow {
 public:
  void add(sim::wire::ByteView bytes) { sim::wire::append(held_, bytes); }
  // Appends the held bytes before stream offset `end` to `out`.
  void pass_until(std::uint64_t end, sim::wire::Bytes& out);
  // Drops the held bytes before `end` (they were replaced).
  void drop_until(std::uint64_t end);
  void pass_all(sim::wire::Bytes& out) { pass_until(start_ + held_.size(), out); }
  std::uint64_t held() const { return held_.size(); }
  std::uint64_t start() const { return start_; }

 private:
  sim::wire::Bytes held_;
  std::uint64_t start_ = 0;  // stream offset of held_[0]
};

class ProxyFilter {
 public:
  explicit ProxyFilter(const sim::Proxy& proxy) : proxy_(proxy) {}

  // Bytes from the client; returns what goes on to the server.
  sim::wire::Bytes from_client(sim::wire::ByteView bytes);
  // Bytes from the server; returns what goes on to the client now.
  sim::wire::Bytes from_server(sim::wire::ByteView bytes);

  // The server closed: a response that ran until the close has ended, and what the buffer
  // held goes on.
  sim::wire::Bytes server_closed();

  // A request has gone on whole and its response has not begun.
  bool awaiting_response() const { return awaiting_response_; }
  // The proxy answered the waiting request itself (a 504): its response will not come.
  void answered_by_proxy();
  bool tunnel() const { return tunnel_; }

 private:
  void read_requests(sim::wire::Bytes& out);
  void read_responses(sim::wire::Bytes& out);

  sim::Proxy proxy_;
  bool tunnel_ = false;
  bool awaiting_response_ = false;

  sim::wire::http::RequestParser requests_;
  StreamWindow request_bytes_;
  sim::wire::http::ResponseParser responses_{sim::wire::http::kStreamedBodyLimits};
  StreamWindow response_bytes_;
  bool streaming_ = false;  // a chunked response's body is passing
};

}  // namespace pushlab::live
