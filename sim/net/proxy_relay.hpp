#pragma once
// The proxy between clients and server, and the ways it interferes with pushing, each a
// scenario parameter:
// - strip_upgrade: removes the hop-by-hop Upgrade and Connection header fields, as a proxy
//   that does not know WebSocket does; the server then sees a plain GET and refuses it.
// - idle_timeout: closes a connection pair on which nothing has passed for that long
//   (nginx's proxy_read_timeout is 60 s).
// - max_request_time: answers 504 Gateway Timeout itself to a request whose response has not
//   begun in time, and drops the upstream connection.
// - buffer_bytes: holds back a streamed response's body until that many bytes have gathered
//   or the response ends (what nginx's proxy_buffering does to Server-Sent Events).
// A proxy cannot read inside TLS: with TLS only the idle timeout applies, which is why wss://
// passes where ws:// fails. After a 101 the connection is a tunnel: only the idle timeout.

#include <deque>
#include <optional>
#include <vector>

#include "sim/engine/event_id.hpp"
#include "sim/net/topology.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/wire/http/fields.hpp"

namespace pushlab::sim {

// What the proxy answers itself when max_request_time runs out (live mode sends the same).
WireFrame gateway_timeout_response();

// A response asks the proxies it passes not to buffer it, with the header nginx reads for that
// (X-Accel-Buffering: no): an event stream's way to get through a buffering proxy. Live mode's
// relay reads it too. (nginx also hides the header from the client; these proxies pass it on.)
bool refuses_buffering(const wire::http::Fields& fields);

class ProxyRelay {
 public:
  // The proxy endpoint of the topology, relaying to its server with these settings.
  ProxyRelay(Topology& topology, const Proxy& settings);
  ProxyRelay(const ProxyRelay&) = delete;
  ProxyRelay& operator=(const ProxyRelay&) = delete;

 private:
  // One client connection and the upstream connection that serves it.
  struct Relay {
    TcpConnection* downstream = nullptr;  // the proxy accepted it
    TcpConnection* upstream = nullptr;    // the proxy opened it; replaced after a 504
    bool tunnel = false;                  // bytes pass untouched
    bool closed = false;
    std::optional<EventId> hold_timer;  // a request waits upstream for its response
    bool streaming = false;             // a streamed response's body is passing
    std::vector<WireFrame> buffered;
    std::uint64_t buffered_bytes = 0;
    Nanoseconds last_activity{0};
    bool idle_check_pending = false;
  };

  void accept(TcpConnection& downstream);
  void from_client(Relay& relay, const WireFrame& frame);
  void from_server(Relay& relay, TcpConnection& upstream, const WireFrame& frame);
  void forward_request(Relay& relay, WireFrame frame);
  void forward_response(Relay& relay, WireFrame frame);
  void open_upstream(Relay& relay);
  void gateway_timeout(Relay& relay);
  void flush(Relay& relay);
  void touch(Relay& relay);
  void check_idle(Relay& relay);
  void close_both(Relay& relay, const std::string& note);
  Nanoseconds now() const { return topology_.net().simulator.now(); }

  Topology& topology_;
  const Proxy& settings_;
  std::deque<Relay> relays_;
};

}  // namespace pushlab::sim
