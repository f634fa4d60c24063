#pragma once
// One TCP connection a live client opened, over TLS when the scenario asks for it: bytes
// written in order, bytes read handed on as they come, and an orderly close (FIN first, then
// the peer's FIN ends it), as a browser closes. With a log, it keeps the application bytes it
// wrote and read, which over TLS only the endpoints know. Included by the client .cpp files
// alone, where Asio is compiled.

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include <array>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

#include "live/endpoint_log.hpp"
#include "sim/wire/bytes.hpp"

namespace pushlab::live::clients {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

// Where and how a page's connections go.
struct ConnectionSettings {
  asio::io_context& io;
  tcp::endpoint host;
  ssl::context* tls = nullptr;  // https and wss when set
  EndpointLogs* logs = nullptr;
};

class ClientConnection : public std::enable_shared_from_this<ClientConnection> {
 public:
  explicit ClientConnection(const ConnectionSettings& settings)
      : settings_(settings), socket_(settings.io) {}

  std::function<void(sim::wire::ByteView)> on_bytes;
  std::function<void()> on_closed;  // the peer closed or the connection failed: it is over

  void connect(std::function<void()> then) {
    socket_.async_connect(settings_.host, [self = shared_from_this(), then = std::move(then)](
                                              boost::system::error_code error) mutable {
      if (error) return self->end();
      self->socket_.set_option(tcp::no_delay(true));
      if (self->settings_.logs) {
        self->log_ = &(*self->settings_.logs)[self->socket_.local_endpoint(error).port()];
      }
      if (!self->settings_.tls) return self->opened(std::move(then));
      self->tls_.emplace(self->socket_, *self->settings_.tls);
      self->tls_->async_handshake(
          ssl::stream_base::client,
          [self, then = std::move(then)](boost::system::error_code failed) mutable {
            if (failed) return self->end();
            self->opened(std::move(then));
          });
    });
  }

  void write(sim::wire::Bytes bytes) {
    if (ended_ || fin_sent_) return;
    if (log_) sim::wire::append(log_->written, bytes);
    queue_.push_back(std::move(bytes));
    if (queue_.size() == 1 && open_) write_next();
  }

  // Sends FIN once everything queued is written; the connection ends at the peer's FIN.
  void close() {
    closing_ = true;
    if (queue_.empty()) send_fin();
  }

  // Closes at once, without waiting for anything.
  void abort() {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

  bool ended() const { return ended_; }

 private:
  void opened(std::function<void()> then) {
    open_ = true;
    read();
    if (!queue_.empty()) write_next();  // what was written before the connection was open
    then();
  }

  // The same operation on the TLS stream or the plain socket.
  template <class Operation>
  void on_stream(Operation&& operation) {
    if (tls_) {
      operation(*tls_);
    } else {
      operation(socket_);
    }
  }

  void read() {
    on_stream([this](auto& stream) {
      stream.async_read_some(
          asio::buffer(buffer_),
          [self = shared_from_this()](boost::system::error_code error, std::size_t size) {
            if (error == asio::error::eof && self->tls_) return self->answer_close_notify();
            if (error) return self->end();
            const sim::wire::ByteView bytes(self->buffer_.data(), size);
            if (self->log_) sim::wire::append(self->log_->read, bytes);
            if (self->on_bytes) self->on_bytes(bytes);
            self->read();
          });
    });
  }

  void write_next() {
    on_stream([this](auto& stream) {
      asio::async_write(stream, asio::buffer(queue_.front()),
                        [self = shared_from_this()](boost::system::error_code error, std::size_t) {
                          if (error) return;  // the read side sees the end
                          self->queue_.pop_front();
                          if (!self->queue_.empty()) {
                            self->write_next();
                          } else if (self->closing_) {
                            self->send_fin();
                          }
                        });
    });
  }

  // Over TLS too a plain FIN, without close_notify, as browsers often close: every record on
  // the wire is then the handshake's or the application's.
  void send_fin() {
    if (fin_sent_) return;
    fin_sent_ = true;
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
  }

  // The server said close_notify: say it back, as TLS asks, and wait for its FIN.
  void answer_close_notify() {
    tls_->async_shutdown([self = shared_from_this()](boost::system::error_code) {
      self->socket_.async_read_some(
          asio::buffer(self->buffer_),
          [self](boost::system::error_code, std::size_t) { self->end(); });
    });
  }

  void end() {
    if (ended_) return;
    ended_ = true;
    if (!fin_sent_) send_fin();  // the peer closed: close our side too, as a browser does
    boost::system::error_code ignored;
    socket_.close(ignored);
    if (on_closed) on_closed();
    on_bytes = nullptr;
    on_closed = nullptr;  // drops what the handlers hold, which may hold this connection
  }

  ConnectionSettings settings_;
  tcp::socket socket_;
  std::optional<ssl::stream<tcp::socket&>> tls_;
  EndpointLog* log_ = nullptr;
  std::array<std::uint8_t, 64 * 1024> buffer_{};
  std::deque<sim::wire::Bytes> queue_;
  bool open_ = false;
  bool closing_ = false;
  bool fin_sent_ = false;
  bool ended_ = false;
};

}  // namespace pushlab::live::clients
