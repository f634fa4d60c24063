#include "sim/net/socket.hpp"

#include "sim/net/tcp_model.hpp"

namespace pushlab::sim {

namespace {

WireFrame tls_frame(std::string kind, std::uint64_t size, std::string note) {
  return {.layer = Layer::tls,
          .kind = std::move(kind),
          .setup = true,
          .modelled_size = size,
          .note = std::move(note)};
}

}  // namespace

Socket::Socket(TcpConnection& connection, Side side, bool tls)
    : connection_(connection), side_(side), tls_(tls), ready_(side == Side::acceptor || !tls) {
  connection_.on_receive(side_, [this](const WireFrame& frame) { received(frame); });
}

void Socket::connect(TcpConnection::Notify on_ready) {
  on_ready_ = std::move(on_ready);
  connection_.open([this] {
    if (!tls_) {
      ready_ = true;
      if (on_ready_) on_ready_();
      return;
    }
    send(tls_frame("client-hello", tcp_model::kTlsClientHello,
                   "TLS ClientHello: cipher suites and a key share (modelled size)"));
  });
}

void Socket::on_peer_closed(TcpConnection::Notify notify) {
  connection_.on_peer_closed(side_, std::move(notify));
}

void Socket::received(const WireFrame& frame) {
  if (frame.layer == Layer::tls) {
    handshake_step(frame);
  } else {
    if (cookies_ && frame.layer == Layer::http) cookies_->take(frame);
    if (receiver_) receiver_(frame);
  }
}

void Socket::handshake_step(const WireFrame& frame) {
  if (side_ == Side::acceptor && frame.kind == "client-hello") {
    send(tls_frame("server-hello", tcp_model::kTlsServerFlight,
                   "TLS ServerHello, certificate and Finished: one round trip (modelled size)"));
  } else if (side_ == Side::opener && frame.kind == "server-hello" && !ready_) {
    send(tls_frame("finished", tcp_model::kTlsClientFinished,
                   "TLS Finished: encrypted application data may follow at once (modelled size)"));
    ready_ = true;
    if (on_ready_) on_ready_();
  }
}

}  // namespace pushlab::sim
