#pragma once
// One client connection through the relay and the server connection that serves it: each piece
// read from one side is recorded and delivered to the other at the moment the scenario's
// network says, and with a proxy the proxy's interference happens on the way. Included by
// relay.cpp alone.

#include <boost/asio.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include "live/detail/relay_core.hpp"
#include "live/detail/relay_network.hpp"
#include "live/detail/timed_delivery.hpp"
#include "live/proxy_filter.hpp"
#include "sim/net/proxy_relay.hpp"

namespace pushlab::live::detail {

// Pieces are read up to this size: what loopback hands over at once for the messages of a
// scenario, without 64 KiB per direction per connection in a run of thousands.
inline constexpr std::size_t kReadBuffer = 16 * 1024;

class Pair : public std::enable_shared_from_this<Pair> {
 public:
  Pair(RelayCore& relay, tcp::socket client, RecordedConnection& record)
      : relay_(relay),
        record_(record),
        client_(std::move(client)),
        to_client_(client_, relay.clock),
        client_links_{sim::Link(sim::client_hop(relay.scenario), relay.link_rng()),
                      sim::Link(sim::client_hop(relay.scenario), relay.link_rng())},
        hold_timer_(relay.io),
        idle_timer_(relay.io) {
    if (proxy() && !relay.scenario.network.tls) filter_.emplace(relay.scenario.proxy);
  }

  void start() {
    record_.client_hop.handshake = handshake(client_links_, relay_.clock.now());
    to_client_.set_writable(shared_from_this());
    if (!proxy()) open_leg();  // without a proxy the relay is the wire: one server connection
    read_client();
  }

  void close() {
    closed_ = true;
    boost::system::error_code ignored;
    client_.close(ignored);
    if (leg_) leg_->socket.close(ignored);
    hold_timer_.cancel();
    idle_timer_.cancel();
  }

 private:
  // The connection to the server; with a proxy, replaced after a 504.
  struct Leg {
    Leg(asio::io_context& io, const LiveClock& clock) : socket(io), delivery(socket, clock) {}
    tcp::socket socket;
    TimedDelivery delivery;
    std::array<std::uint8_t, kReadBuffer> buffer{};
    std::size_t hop = 0;  // index into record_.server_hops, with a proxy
  };

  bool proxy() const { return relay_.recording.proxy; }
  const LiveClock& clock() const { return relay_.clock; }
  RecordedHop& server_hop(const Leg& leg) { return record_.server_hops.at(leg.hop); }

  std::shared_ptr<Leg> open_leg(Nanoseconds at = {}) {
    auto leg = std::make_shared<Leg>(relay_.io, relay_.clock);
    if (proxy()) {
      leg->hop = record_.server_hops.size();
      record_.server_hops.push_back(
          {.handshake = handshake(relay_.upstream, at), .up = {}, .down = {}});
    }
    leg_ = leg;
    leg->socket.async_connect(relay_.server,
                              [self = shared_from_this(), leg](boost::system::error_code error) {
                                if (error) {
                                  self->close();
                                  return;
                                }
                                leg->socket.set_option(tcp::no_delay(true));
                                leg->delivery.set_writable(self);
                                self->read_server(leg);
                              });
    return leg;
  }

  void read_client() {
    client_.async_read_some(
        asio::buffer(client_buffer_),
        [self = shared_from_this()](boost::system::error_code error, std::size_t size) {
          self->client_read(error, size);
        });
  }

  void read_server(const std::shared_ptr<Leg>& leg) {
    leg->socket.async_read_some(
        asio::buffer(leg->buffer),
        [self = shared_from_this(), leg](boost::system::error_code error, std::size_t size) {
          self->server_read(leg, error, size);
        });
  }

  void client_read(boost::system::error_code error, std::size_t size) {
    if (closed_) return;
    const Nanoseconds now = clock().now();
    if (error == asio::error::eof) {
      client_fin(now);
      return;
    }
    if (error) {
      close();
      return;
    }
    from_client(now,
                Bytes(client_buffer_.begin(), client_buffer_.begin() + static_cast<long>(size)));
    read_client();
  }

  void server_read(const std::shared_ptr<Leg>& leg, boost::system::error_code error,
                   std::size_t size) {
    if (closed_) return;
    const Nanoseconds now = clock().now();
    if (leg != leg_) {  // the proxy dropped it after a 504: only its FIN is still to come
      if (error == asio::error::eof) cross_fin(relay_.upstream.down, server_hop(*leg).down, now);
      if (!error) read_server(leg);
      return;
    }
    if (error == asio::error::eof) {
      server_fin(*leg, now);
      return;
    }
    if (error) {
      close();
      return;
    }
    from_server(*leg, now,
                Bytes(leg->buffer.begin(), leg->buffer.begin() + static_cast<long>(size)));
    read_server(leg);
  }

  // Records `bytes` crossing `link` into `flow` from `ready` on; returns the arrival.
  Nanoseconds cross(sim::Link& link, RecordedFlow& flow, Nanoseconds ready, const Bytes& bytes) {
    const Nanoseconds arrived = arrival_over(link, ready, wire_size(bytes.size()));
    if (relay_.keep_pieces) flow.pieces.push_back({ready, arrived, bytes});
    return arrived;
  }

  Nanoseconds cross_fin(sim::Link& link, RecordedFlow& flow, Nanoseconds ready) {
    const Nanoseconds arrived = arrival_over(link, ready, wire_size(0));
    flow.fin = RecordedPiece{ready, arrived, {}};
    return arrived;
  }

  void from_client(Nanoseconds now, Bytes bytes) {
    RecordedHop& hop = record_.client_hop;
    const Nanoseconds ready = std::max(now, hop.established_at());
    if (!proxy()) {
      const Nanoseconds arrived = cross(client_links_.up, hop.up, ready, bytes);
      leg_->delivery.send(arrived, std::move(bytes), shared_from_this());
      return;
    }
    const Nanoseconds at_proxy = cross(client_links_.up, hop.up, ready, bytes);
    touch(at_proxy);
    Bytes out = filter_ ? filter_->from_client(bytes) : std::move(bytes);
    if (out.empty()) return;
    if (!leg_) open_leg(at_proxy);
    RecordedHop& upstream = server_hop(*leg_);
    const Nanoseconds sent = std::max(at_proxy, upstream.established_at());
    const Nanoseconds arrived = cross(relay_.upstream.up, upstream.up, sent, out);
    leg_->delivery.send(arrived, std::move(out), shared_from_this());
    if (filter_ && filter_->awaiting_response())
      hold_until(sent + relay_.scenario.proxy.max_request_time);
  }

  void from_server(Leg& leg, Nanoseconds now, Bytes bytes) {
    if (!proxy()) {
      const Nanoseconds arrived = cross(client_links_.down, record_.client_hop.down, now, bytes);
      to_client_.send(arrived, std::move(bytes), shared_from_this());
      return;
    }
    const Nanoseconds at_proxy = cross(relay_.upstream.down, server_hop(leg).down, now, bytes);
    touch(at_proxy);
    Bytes out = filter_ ? filter_->from_server(bytes) : std::move(bytes);
    if (out.empty()) return;
    const Nanoseconds arrived = cross(client_links_.down, record_.client_hop.down, at_proxy, out);
    to_client_.send(arrived, std::move(out), shared_from_this());
  }

  void client_fin(Nanoseconds now) {
    RecordedHop& hop = record_.client_hop;
    if (hop.up.fin) return;
    const Nanoseconds arrived =
        cross_fin(client_links_.up, hop.up, std::max(now, hop.established_at()));
    if (leg_) forward_fin_upstream(arrived);
    // The simulated proxy closes both sides when its client leaves.
    if (proxy()) close_towards_client(arrived);
  }

  // The FIN goes on to the server: directly, or from the proxy on its own connection.
  void forward_fin_upstream(Nanoseconds at) {
    if (!proxy()) {
      leg_->delivery.send_fin(at, shared_from_this());
      return;
    }
    RecordedHop& upstream = server_hop(*leg_);
    if (upstream.up.fin) return;
    const Nanoseconds arrived =
        cross_fin(relay_.upstream.up, upstream.up, std::max(at, upstream.established_at()));
    leg_->delivery.send_fin(arrived, shared_from_this());
  }

  void server_fin(Leg& leg, Nanoseconds now) {
    if (!proxy()) {
      forward_fin_to_client(now);
      return;
    }
    close_towards_client(cross_fin(relay_.upstream.down, server_hop(leg).down, now));
  }

  // The proxy closes its client's connection: what its buffer held goes first, then the FIN.
  void close_towards_client(Nanoseconds at) {
    if (record_.client_hop.down.fin) return;
    hold_timer_.cancel();
    if (filter_) {
      Bytes held = filter_->server_closed();
      if (!held.empty()) {
        const Nanoseconds arrived = cross(client_links_.down, record_.client_hop.down, at, held);
        to_client_.send(arrived, std::move(held), shared_from_this());
      }
    }
    forward_fin_to_client(at);
  }

  void forward_fin_to_client(Nanoseconds at) {
    RecordedHop& hop = record_.client_hop;
    if (hop.down.fin) return;
    to_client_.send_fin(cross_fin(client_links_.down, hop.down, at), shared_from_this());
  }

  // max_request_s: the proxy answers 504 itself if the response has not begun by `due`.
  void hold_until(Nanoseconds due) {
    if (relay_.scenario.proxy.max_request_time <= Nanoseconds{0}) return;
    hold_timer_.expires_at(clock().wall(due));
    hold_timer_.async_wait([self = shared_from_this()](boost::system::error_code error) {
      if (!error) self->gateway_timeout();
    });
  }

  void gateway_timeout() {
    if (closed_ || !filter_ || !filter_->awaiting_response() || !leg_) return;
    if (record_.client_hop.down.fin) return;  // the proxy has closed this connection
    filter_->answered_by_proxy();
    const Nanoseconds now = clock().now();
    Bytes answer = sim::gateway_timeout_response().bytes;
    const Nanoseconds arrived = cross(client_links_.down, record_.client_hop.down, now, answer);
    to_client_.send(arrived, std::move(answer), shared_from_this());
    forward_fin_upstream(now);
    leg_.reset();  // the next request gets a new upstream connection
  }

  // idle_timeout_s: the proxy closes both connections once nothing has passed for that long.
  void touch(Nanoseconds at) {
    last_activity_ = std::max(last_activity_, at);
    const Nanoseconds idle = relay_.scenario.proxy.idle_timeout;
    if (idle <= Nanoseconds{0} || idle_check_pending_) return;
    idle_check_pending_ = true;
    idle_timer_.expires_at(clock().wall(last_activity_ + idle));
    idle_timer_.async_wait([self = shared_from_this()](boost::system::error_code error) {
      if (!error) self->check_idle();
    });
  }

  void check_idle() {
    idle_check_pending_ = false;
    if (closed_) return;
    const Nanoseconds now = clock().now();
    if (now < last_activity_ + relay_.scenario.proxy.idle_timeout) {
      touch(last_activity_);
      return;
    }
    close_towards_client(now);
    if (leg_) forward_fin_upstream(now);
  }

  RelayCore& relay_;
  RecordedConnection& record_;
  tcp::socket client_;
  TimedDelivery to_client_;
  std::array<std::uint8_t, kReadBuffer> client_buffer_{};
  LinkPair client_links_;
  std::shared_ptr<Leg> leg_;
  std::optional<ProxyFilter> filter_;  // with a proxy that can read the bytes (no TLS)
  asio::steady_timer hold_timer_;
  asio::steady_timer idle_timer_;
  Nanoseconds last_activity_{0};
  bool idle_check_pending_ = false;
  bool closed_ = false;
};

}  // namespace pushlab::live::detail
