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
//
// A load balancer is the same relay with a RelayRoute that picks a server for each request
// (sim/cluster/balancer_route.hpp) and, as a managed gateway does, a maximum connection age.

#include <deque>
#include <optional>
#include <string>
#include <string_view>
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

// Where a relay sends what a client asks.
class RelayRoute {
 public:
  struct Choice {
    EndpointId upstream = 0;
    bool set_cookie = false;  // the response's head gets the route's cookie (decorate)
  };

  virtual ~RelayRoute() = default;
  // For a request from a client at `address` (null inside TLS, where the relay cannot read);
  // nullopt when no upstream can take it.
  virtual std::optional<Choice> choose(EndpointId address, const WireFrame* request) = 0;
  // The head of a response from `upstream` to a request chosen with set_cookie.
  virtual void decorate(EndpointId /*upstream*/, WireFrame& /*head*/) {}
  // A connection to `upstream` opened, and one the relay stopped using.
  virtual void opened(EndpointId /*upstream*/) {}
  virtual void closed(EndpointId /*upstream*/) {}
};

// The one upstream of a plain proxy.
class FixedRoute final : public RelayRoute {
 public:
  explicit FixedRoute(EndpointId upstream) : upstream_(upstream) {}
  std::optional<Choice> choose(EndpointId, const WireFrame*) override {
    return Choice{.upstream = upstream_};
  }

 private:
  EndpointId upstream_;
};

struct RelaySettings {
  std::string_view name = "the proxy";  // in notes
  Proxy interference{};                 // enabled is not read
  Nanoseconds max_connection_age{0};    // 0 = never
};

class ProxyRelay {
 public:
  // Relays what reaches `endpoint` to where `route` says, with these settings; both outlive it.
  ProxyRelay(Topology& topology, EndpointId endpoint, const RelaySettings& settings,
             RelayRoute& route);
  ProxyRelay(const ProxyRelay&) = delete;
  ProxyRelay& operator=(const ProxyRelay&) = delete;

 private:
  // One client connection and the upstream connection that serves it.
  struct Relay {
    TcpConnection* downstream = nullptr;  // the proxy accepted it
    TcpConnection* upstream = nullptr;    // the proxy opened it; replaced after a 504
    EndpointId upstream_endpoint = 0;
    bool set_cookie = false;  // the pending response's head gets the route's cookie
    bool tunnel = false;      // bytes pass untouched
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
  bool route_request(Relay& relay, const WireFrame* request);
  void open_upstream(Relay& relay, EndpointId endpoint);
  void drop_upstream(Relay& relay, const std::string& note);
  void upstream_reset(Relay& relay);
  void refuse(Relay& relay);
  void gateway_timeout(Relay& relay);
  void flush(Relay& relay);
  void touch(Relay& relay);
  void check_idle(Relay& relay);
  void close_both(Relay& relay, const std::string& note);
  Nanoseconds now() const { return topology_.net().simulator.now(); }

  Topology& topology_;
  EndpointId endpoint_;
  const RelaySettings& settings_;
  const Proxy& interference_;
  RelayRoute& route_;
  std::deque<Relay> relays_;
};

}  // namespace pushlab::sim
