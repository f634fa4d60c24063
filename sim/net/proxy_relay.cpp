#include "sim/net/proxy_relay.hpp"

#include "sim/net/duration_text.hpp"
#include "sim/wire/http/parse_one.hpp"
#include "sim/wire/http/rfc9110.hpp"
#include "sim/wire/http/serialize.hpp"

namespace pushlab::sim {

namespace {

namespace http = wire::http;

bool is_request(const WireFrame& frame) {
  return frame.layer == Layer::http && frame.kind == "request";
}

// A response's first frame begins with its status line.
bool starts_response(const WireFrame& frame) {
  return frame.layer == Layer::http && wire::as_text(frame.bytes).starts_with("HTTP/");
}

// A frame's note, with what the proxy did to it added.
void add_phrase(std::string& note, std::string_view phrase) {
  note = note.empty() ? std::string(phrase) : note + "; " + std::string(phrase);
}

bool ends_stream(const WireFrame& frame) {
  return frame.layer == Layer::http && frame.kind == "last-chunk";
}

// Removes the hop-by-hop Upgrade and Connection fields (RFC 9110 section 7.6.1); returns nullopt
// when there was no Upgrade to remove.
std::optional<wire::Bytes> strip_upgrade(const WireFrame& frame) {
  std::optional<http::Request> request = http::parse_request(frame.bytes);
  if (!request || !request->fields.find("Upgrade")) return std::nullopt;
  request->fields.remove("Upgrade");
  request->fields.remove("Connection");
  return http::serialize(*request);
}

}  // namespace

WireFrame gateway_timeout_response() {
  http::Response response = http::make_response(504);
  http::set_body(response, wire::to_bytes("upstream timed out\n"), "text/plain");
  return {.layer = Layer::http,
          .kind = "response",
          .bytes = http::serialize(response),
          .note = "504 from the proxy itself: the server had not answered within max_request_s"};
}

bool refuses_buffering(const http::Fields& fields) {
  const std::string* value = fields.find("X-Accel-Buffering");
  return value && http::iequals(*value, "no");
}

ProxyRelay::ProxyRelay(Topology& topology, EndpointId endpoint, const RelaySettings& settings,
                       RelayRoute& route)
    : topology_(topology),
      endpoint_(endpoint),
      settings_(settings),
      interference_(settings.interference),
      route_(route) {
  topology_.listen(endpoint_, [this](TcpConnection& connection) { accept(connection); });
}

void ProxyRelay::accept(TcpConnection& downstream) {
  Relay& relay = relays_.emplace_back();
  relay.downstream = &downstream;
  relay.tunnel = topology_.tls();
  relay.last_activity = now();
  downstream.on_receive(Side::acceptor,
                        [this, &relay](const WireFrame& frame) { from_client(relay, frame); });
  downstream.on_peer_closed(Side::acceptor, [this, &relay] {
    close_both(relay,
               "FIN: the client closed, so " + std::string(settings_.name) + " closes both sides");
  });
  touch(relay);
  if (settings_.max_connection_age > Nanoseconds{0}) {
    topology_.net().simulator.schedule(settings_.max_connection_age, [this, &relay] {
      close_both(relay, "FIN: " + std::string(settings_.name) +
                            " closes every connection at the age of " +
                            duration_text(settings_.max_connection_age) + " (max_connection_s)");
    });
  }
}

void ProxyRelay::open_upstream(Relay& relay, EndpointId endpoint) {
  TcpConnection& upstream = topology_.connect(endpoint_, endpoint);
  relay.upstream = &upstream;
  relay.upstream_endpoint = endpoint;
  route_.opened(endpoint);
  upstream.on_receive(Side::opener, [this, &relay, &upstream](const WireFrame& frame) {
    from_server(relay, upstream, frame);
  });
  upstream.on_peer_closed(Side::opener, [this, &relay, &upstream] {
    if (relay.upstream != &upstream) return;
    if (upstream.was_reset()) {
      upstream_reset(relay);
      return;
    }
    close_both(relay,
               "FIN: the server closed, so " + std::string(settings_.name) + " closes both sides");
  });
  upstream.open(nullptr);  // frames sent meanwhile wait for the handshake
}

// The relay stops using its upstream connection.
void ProxyRelay::drop_upstream(Relay& relay, const std::string& note) {
  route_.closed(relay.upstream_endpoint);
  relay.upstream->close(Side::opener, note);
  relay.upstream = nullptr;
}

// The server is gone (it crashed): the client's connection is reset too, as it cannot go on.
void ProxyRelay::upstream_reset(Relay& relay) {
  route_.closed(relay.upstream_endpoint);
  relay.upstream = nullptr;
  if (relay.closed) return;
  relay.closed = true;
  if (relay.hold_timer) topology_.net().simulator.cancel(*relay.hold_timer);
  relay.downstream->reset(Side::acceptor, "RST: the server's connection was reset, so " +
                                              std::string(settings_.name) + " resets the client's");
}

// Picks the upstream for a request (or a tunnel's first bytes); false when none can take it.
bool ProxyRelay::route_request(Relay& relay, const WireFrame* request) {
  const std::optional<RelayRoute::Choice> choice =
      route_.choose(relay.downstream->endpoint(Side::opener), request);
  if (!choice) {
    refuse(relay);
    return false;
  }
  relay.set_cookie = choice->set_cookie;
  if (relay.upstream && relay.upstream_endpoint == choice->upstream) return true;
  if (relay.upstream) {
    drop_upstream(relay, "FIN: " + std::string(settings_.name) +
                             " sends the next request elsewhere, so it closes this connection");
  }
  open_upstream(relay, choice->upstream);
  return true;
}

// No server is up: 503 to a request, as HAProxy answers; a tunnel's connection is reset.
void ProxyRelay::refuse(Relay& relay) {
  if (relay.tunnel) {
    relay.closed = true;
    relay.downstream->reset(Side::acceptor, "RST: no server is up to take this connection, so " +
                                                std::string(settings_.name) + " resets it");
    return;
  }
  http::Response response = http::make_response(503);
  http::set_body(response, wire::to_bytes("No server is available to handle this request.\n"),
                 "text/plain");
  relay.downstream->send(Side::acceptor, {.layer = Layer::http,
                                          .kind = "response",
                                          .bytes = http::serialize(response),
                                          .note = "503 from " + std::string(settings_.name) +
                                                  " itself: every server is down"});
}

void ProxyRelay::from_client(Relay& relay, const WireFrame& frame) {
  if (relay.closed) return;
  touch(relay);
  const bool request = !relay.tunnel && is_request(frame);
  if ((request || !relay.upstream) && !route_request(relay, request ? &frame : nullptr)) return;
  if (request) {
    forward_request(relay, frame);
    return;
  }
  relay.upstream->send(Side::opener, frame);
}

void ProxyRelay::forward_request(Relay& relay, WireFrame frame) {
  if (interference_.strip_upgrade) {
    if (auto stripped = strip_upgrade(frame)) {
      frame.bytes = std::move(*stripped);
      frame.note = "the proxy removed the hop-by-hop Upgrade and Connection header fields";
    }
  }
  if (interference_.max_request_time > Nanoseconds{0}) {
    relay.hold_timer = topology_.net().simulator.schedule(
        interference_.max_request_time, [this, &relay] { gateway_timeout(relay); });
  }
  relay.upstream->send(Side::opener, std::move(frame));
}

void ProxyRelay::from_server(Relay& relay, TcpConnection& upstream, const WireFrame& frame) {
  if (relay.closed || relay.upstream != &upstream) return;
  touch(relay);
  if (relay.tunnel) {
    relay.downstream->send(Side::acceptor, frame);
    return;
  }
  forward_response(relay, frame);
}

void ProxyRelay::forward_response(Relay& relay, WireFrame frame) {
  if (starts_response(frame)) {
    if (relay.hold_timer) topology_.net().simulator.cancel(*relay.hold_timer);
    relay.hold_timer.reset();
    const auto head = http::parse_response_head(frame.bytes);
    if (head && head->status == 101) relay.tunnel = true;
    if (relay.set_cookie) route_.decorate(relay.upstream_endpoint, frame);
    relay.set_cookie = false;
    // Its body follows in frames of its own, held unless the response refuses it.
    relay.streaming = frame.kind == "response-head";
    if (relay.streaming && head && refuses_buffering(head->fields)) {
      relay.streaming = false;
      if (interference_.buffer_bytes > 0) {
        add_phrase(frame.note,
                   "X-Accel-Buffering: no, so the proxy passes its body on as it comes");
      }
    }
    relay.downstream->send(Side::acceptor, std::move(frame));
    return;
  }
  const std::uint64_t buffer_bytes = interference_.buffer_bytes;
  if (!relay.streaming || buffer_bytes == 0) {
    relay.downstream->send(Side::acceptor, std::move(frame));
    return;
  }
  const bool last = ends_stream(frame);
  relay.buffered_bytes += frame.size();
  relay.buffered.push_back(std::move(frame));
  if (last || relay.buffered_bytes >= buffer_bytes) flush(relay);
}

void ProxyRelay::flush(Relay& relay) {
  const std::string note = "held in the proxy's buffer until " +
                           std::to_string(relay.buffered_bytes) + " bytes had gathered";
  for (WireFrame& frame : relay.buffered) {
    add_phrase(frame.note, note);
    relay.downstream->send(Side::acceptor, std::move(frame));
  }
  relay.buffered.clear();
  relay.buffered_bytes = 0;
}

void ProxyRelay::gateway_timeout(Relay& relay) {
  relay.hold_timer.reset();
  if (relay.closed) return;
  relay.downstream->send(Side::acceptor, gateway_timeout_response());
  drop_upstream(relay, "FIN: the proxy gave up on this request (504)");  // the next gets a new one
}

void ProxyRelay::touch(Relay& relay) {
  relay.last_activity = now();
  if (relay.idle_check_pending) return;
  const Nanoseconds idle = interference_.idle_timeout;
  if (idle <= Nanoseconds{0}) return;
  relay.idle_check_pending = true;
  topology_.net().simulator.schedule(idle, [this, &relay] { check_idle(relay); });
}

// One pending check per relay, moved forward as traffic passes, rather than a timer per frame.
void ProxyRelay::check_idle(Relay& relay) {
  relay.idle_check_pending = false;
  if (relay.closed) return;
  const Nanoseconds idle = interference_.idle_timeout;
  const Nanoseconds due = relay.last_activity + idle;
  if (now() < due) {
    relay.idle_check_pending = true;
    topology_.net().simulator.schedule_at(due, [this, &relay] { check_idle(relay); });
    return;
  }
  close_both(relay, "FIN: " + std::string(settings_.name) + " closes a connection idle for " +
                        duration_text(idle));
}

void ProxyRelay::close_both(Relay& relay, const std::string& note) {
  if (relay.closed) return;
  relay.closed = true;
  if (relay.hold_timer) topology_.net().simulator.cancel(*relay.hold_timer);
  if (!relay.buffered.empty()) flush(relay);
  relay.downstream->close(Side::acceptor, note);
  if (relay.upstream) drop_upstream(relay, note);
}

}  // namespace pushlab::sim
