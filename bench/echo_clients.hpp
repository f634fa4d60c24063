#pragma once
// Boost.Beast WebSocket clients of the live server's /echo endpoint, blocking, on the caller's
// thread, with TCP_NODELAY as a browser has it. Each round sends small messages on every
// connection, then reads every echo.

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <memory>
#include <string>
#include <vector>

namespace pushlab::bench {

class EchoClients {
 public:
  EchoClients(unsigned short port, int count) {
    const boost::asio::ip::tcp::endpoint server{boost::asio::ip::make_address("127.0.0.1"), port};
    for (int i = 0; i < count; ++i) {
      auto socket = std::make_unique<Socket>(io_);
      boost::beast::get_lowest_layer(*socket).connect(server);
      boost::beast::get_lowest_layer(*socket).set_option(boost::asio::ip::tcp::no_delay(true));
      socket->handshake("127.0.0.1", "/echo");
      socket->text(true);
      sockets_.push_back(std::move(socket));
    }
  }

  // `messages_each` messages written back to back on each connection, then their echoes read.
  void round(int messages_each = 1) {
    for (auto& socket : sockets_) {
      for (int i = 0; i < messages_each; ++i) socket->write(boost::asio::buffer(message_));
    }
    for (auto& socket : sockets_) {
      for (int i = 0; i < messages_each; ++i) {
        socket->read(buffer_);
        buffer_.consume(buffer_.size());
      }
    }
  }

  void close() {
    for (auto& socket : sockets_) socket->close(boost::beast::websocket::close_code::normal);
  }

 private:
  using Socket = boost::beast::websocket::stream<boost::asio::ip::tcp::socket>;

  const std::string message_ = std::string(16, 'x');  // a chat line's worth
  boost::asio::io_context io_;
  std::vector<std::unique_ptr<Socket>> sockets_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace pushlab::bench
