#pragma once
// One TCP connection a live client opened: bytes written in order, bytes read handed on as they
// come, and an orderly close (FIN first, then the peer's FIN ends it), as a browser closes.
// Included by the client .cpp files alone, where Asio is compiled.

#include <boost/asio.hpp>

#include <array>
#include <deque>
#include <functional>
#include <memory>

#include "sim/wire/bytes.hpp"

namespace pushlab::live::clients {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

class ClientConnection : public std::enable_shared_from_this<ClientConnection> {
 public:
  ClientConnection(asio::io_context& io, tcp::endpoint to) : socket_(io), to_(to) {}

  std::function<void(sim::wire::ByteView)> on_bytes;
  std::function<void()> on_closed;  // the peer closed or the connection failed: it is over

  void connect(std::function<void()> then) {
    socket_.async_connect(to_, [self = shared_from_this(), then = std::move(then)](
                                   boost::system::error_code error) {
      if (error) {
        self->end();
        return;
      }
      self->socket_.set_option(tcp::no_delay(true));
      self->read();
      then();
    });
  }

  void write(sim::wire::Bytes bytes) {
    if (ended_ || fin_sent_) return;
    queue_.push_back(std::move(bytes));
    if (queue_.size() == 1) write_next();
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
  void read() {
    socket_.async_read_some(asio::buffer(buffer_), [self = shared_from_this()](
                                                       boost::system::error_code error,
                                                       std::size_t size) {
      if (error) {
        self->end();
        return;
      }
      if (self->on_bytes) self->on_bytes(sim::wire::ByteView(self->buffer_.data(), size));
      self->read();
    });
  }

  void write_next() {
    asio::async_write(socket_, asio::buffer(queue_.front()),
                      [self = shared_from_this()](boost::system::error_code error, std::size_t) {
                        if (error) return;  // the read side sees the end
                        self->queue_.pop_front();
                        if (!self->queue_.empty()) {
                          self->write_next();
                        } else if (self->closing_) {
                          self->send_fin();
                        }
                      });
  }

  void send_fin() {
    if (fin_sent_) return;
    fin_sent_ = true;
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
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

  tcp::socket socket_;
  tcp::endpoint to_;
  std::array<std::uint8_t, 64 * 1024> buffer_{};
  std::deque<sim::wire::Bytes> queue_;
  bool closing_ = false;
  bool fin_sent_ = false;
  bool ended_ = false;
};

}  // namespace pushlab::live::clients
