#pragma once
// Writes pieces of bytes to one socket, each at its moment, in order; a FIN shuts the socket's
// sending side. The relay's way of holding bytes for the network it plays. Included by
// relay.cpp alone.

#include <boost/asio.hpp>

#include <deque>
#include <memory>

#include "live/live_clock.hpp"
#include "sim/wire/bytes.hpp"

namespace pushlab::live::detail {

class TimedDelivery {
 public:
  using Owner = std::shared_ptr<void>;  // kept alive while a write or wait is pending

  TimedDelivery(boost::asio::ip::tcp::socket& socket, const LiveClock& clock)
      : socket_(socket), clock_(clock), timer_(socket.get_executor()) {}

  // Until the socket is connected, pieces wait.
  void set_writable(Owner owner) {
    writable_ = true;
    next(std::move(owner));
  }

  void send(sim::Nanoseconds at, sim::wire::Bytes bytes, Owner owner) {
    items_.push_back({at, std::move(bytes), false});
    next(std::move(owner));
  }

  void send_fin(sim::Nanoseconds at, Owner owner) {
    items_.push_back({at, {}, true});
    next(std::move(owner));
  }

 private:
  struct Item {
    sim::Nanoseconds at;
    sim::wire::Bytes bytes;
    bool fin = false;
  };

  void next(Owner owner) {
    if (busy_ || !writable_ || items_.empty()) return;
    busy_ = true;
    // A piece already due goes at once: a timer's wait costs tens of microseconds even then.
    if (clock_.now() >= items_.front().at) return deliver_front(std::move(owner));
    timer_.expires_at(clock_.wall(items_.front().at));
    timer_.async_wait([this, owner](boost::system::error_code error) {
      if (!error) deliver_front(owner);  // else cancelled: the connection is going
    });
  }

  void deliver_front(const Owner& owner) {
    Item& item = items_.front();
    if (item.fin) {
      boost::system::error_code ignored;
      socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
      items_.clear();
      return;
    }
    boost::asio::async_write(socket_, boost::asio::buffer(item.bytes),
                             [this, owner](boost::system::error_code write_error, std::size_t) {
                               if (write_error) return;
                               items_.pop_front();
                               busy_ = false;
                               next(owner);
                             });
  }

  boost::asio::ip::tcp::socket& socket_;
  const LiveClock& clock_;
  boost::asio::steady_timer timer_;
  std::deque<Item> items_;
  bool busy_ = false;
  bool writable_ = false;
};

}  // namespace pushlab::live::detail
