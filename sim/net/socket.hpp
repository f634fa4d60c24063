#pragma once
// One end of a TCP connection as an application uses it, with TLS when the scenario asks for
// it: the client's end runs the handshake (ClientHello, the server's flight, Finished) before it
// reports the socket ready, and the server's end answers it. Through a proxy the handshake
// crosses both hops untouched, since the proxy cannot read inside TLS.

#include "sim/net/cookie_jar.hpp"
#include "sim/net/tcp_connection.hpp"

namespace pushlab::sim {

class Socket {
 public:
  Socket(TcpConnection& connection, Side side, bool tls);
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  // The client's end: TCP handshake, then TLS; `on_ready` when application data may go.
  void connect(TcpConnection::Notify on_ready);

  void send(WireFrame frame) {
    if (cookies_ && frame.layer == Layer::http && frame.kind == "request") cookies_->add_to(frame);
    connection_.send(side_, std::move(frame));
  }
  // A browser's end keeps its cookies here (null: none are kept).
  void keep_cookies(CookieJar* jar) { cookies_ = jar; }
  void close() { connection_.close(side_); }
  void on_receive(TcpConnection::Receiver receiver) { receiver_ = std::move(receiver); }
  void on_peer_closed(TcpConnection::Notify notify);

  bool ready() const { return ready_; }
  bool closed() const { return connection_.closed_by(side_); }
  TcpConnection& connection() { return connection_; }
  ConnectionId connection_id() const { return connection_.id(); }
  EndpointId endpoint() const { return connection_.endpoint(side_); }
  EndpointId peer() const { return connection_.endpoint(other(side_)); }

 private:
  void received(const WireFrame& frame);
  void handshake_step(const WireFrame& frame);

  TcpConnection& connection_;
  Side side_;
  bool tls_;
  bool ready_ = false;
  TcpConnection::Notify on_ready_;
  TcpConnection::Receiver receiver_;
  CookieJar* cookies_ = nullptr;
};

}  // namespace pushlab::sim
