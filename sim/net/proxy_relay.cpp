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

ProxyRelay::ProxyRelay(Topology& topology, const Proxy& settings)
    : topology_(topology), settings_(settings) {
  topology_.listen(*topology_.proxy(), [this](TcpConnection& connection) { accept(connection); });
}

void ProxyRelay::accept(TcpConnection& downstream) {
  Relay& relay = relays_.emplace_back();
  relay.downstream = &downstream;
  relay.tunnel = topology_.tls();
  relay.last_activity = now();
  downstream.on_receive(Side::acceptor,
                        [this, &relay](const WireFrame& frame) { from_client(relay, frame); });
  downstream.on_peer_closed(Side::acceptor, [this, &relay] {
    close_both(relay, "FIN: the client closed, so the proxy closes both sides");
  });
  touch(relay);
}

void ProxyRelay::open_upstream(Relay& relay) {
  TcpConnection& upstream = topology_.connect(*topology_.proxy(), topology_.server());
  relay.upstream = &upstream;
  upstream.on_receive(Side::opener, [this, &relay, &upstream](const WireFrame& frame) {
    from_server(relay, upstream, frame);
  });
  upstream.on_peer_closed(Side::opener, [this, &relay, &upstream] {
    if (relay.upstream == &upstream)
      close_both(relay, "FIN: the server closed, so the proxy closes both sides");
  });
  upstream.open(nullptr);  // frames sent meanwhile wait for the handshake
}

void ProxyRelay::from_client(Relay& relay, const WireFrame& frame) {
  if (relay.closed) return;
  touch(relay);
  if (!relay.upstream) open_upstream(relay);
  if (!relay.tunnel && is_request(frame)) {
    forward_request(relay, frame);
    return;
  }
  relay.upstream->send(Side::opener, frame);
}

void ProxyRelay::forward_request(Relay& relay, WireFrame frame) {
  if (settings_.strip_upgrade) {
    if (auto stripped = strip_upgrade(frame)) {
      frame.bytes = std::move(*stripped);
      frame.note = "the proxy removed the hop-by-hop Upgrade and Connection header fields";
    }
  }
  if (settings_.max_request_time > Nanoseconds{0}) {
    relay.hold_timer = topology_.net().simulator.schedule(
        settings_.max_request_time, [this, &relay] { gateway_timeout(relay); });
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
    // Its body follows in frames of its own, held unless the response refuses it.
    relay.streaming = frame.kind == "response-head";
    if (relay.streaming && head && refuses_buffering(head->fields)) {
      relay.streaming = false;
      if (settings_.buffer_bytes > 0) {
        add_phrase(frame.note,
                   "X-Accel-Buffering: no, so the proxy passes its body on as it comes");
      }
    }
    relay.downstream->send(Side::acceptor, std::move(frame));
    return;
  }
  const std::uint64_t buffer_bytes = settings_.buffer_bytes;
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
  relay.upstream->close(Side::opener, "FIN: the proxy gave up on this request (504)");
  relay.upstream = nullptr;  // the next request gets a new upstream connection
}

void ProxyRelay::touch(Relay& relay) {
  relay.last_activity = now();
  if (relay.idle_check_pending) return;
  const Nanoseconds idle = settings_.idle_timeout;
  if (idle <= Nanoseconds{0}) return;
  relay.idle_check_pending = true;
  topology_.net().simulator.schedule(idle, [this, &relay] { check_idle(relay); });
}

// One pending check per relay, moved forward as traffic passes, rather than a timer per frame.
void ProxyRelay::check_idle(Relay& relay) {
  relay.idle_check_pending = false;
  if (relay.closed) return;
  const Nanoseconds idle = settings_.idle_timeout;
  const Nanoseconds due = relay.last_activity + idle;
  if (now() < due) {
    relay.idle_check_pending = true;
    topology_.net().simulator.schedule_at(due, [this, &relay] { check_idle(relay); });
    return;
  }
  close_both(relay, "FIN: the proxy closes a connection idle for " + duration_text(idle));
}

void ProxyRelay::close_both(Relay& relay, const std::string& note) {
  if (relay.closed) return;
  relay.closed = true;
  if (relay.hold_timer) topology_.net().simulator.cancel(*relay.hold_timer);
  if (!relay.buffered.empty()) flush(relay);
  relay.downstream->close(Side::acceptor, note);
  if (relay.upstream) relay.upstream->close(Side::opener, note);
}

}  // namespace pushlab::sim
