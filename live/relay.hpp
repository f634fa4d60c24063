#pragma once
// The relay between the live clients and the live server: a TCP proxy on loopback that holds
// each piece of bytes for the scenario's network (one-way latency, jitter, bandwidth, loss as
// retransmission delay; the TCP handshake's round trip before a connection's first data) and,
// when the scenario has a proxy, does what that proxy does (proxy_filter.hpp, a 504 for a
// request held too long, closing idle connections). It records every byte it forwards, with
// the moments it read and delivered it (recording.hpp). Asio stays in relay.cpp.

#include <memory>
#include <string>

#include "live/live_clock.hpp"
#include "live/recording.hpp"
#include "sim/scenario/scenario.hpp"

namespace boost::asio {
class io_context;
}

namespace pushlab::live {

// Where the relay listens: by default this machine only, at a free port.
struct ListenAddress {
  std::string bind = "127.0.0.1";
  unsigned short port = 0;
};

class Relay {
 public:
  // Relays to the server at 127.0.0.1:`server_port`. Throws std::runtime_error naming the
  // address if it cannot listen.
  Relay(boost::asio::io_context& io, const sim::Scenario& scenario, unsigned short server_port,
        LiveClock clock, const ListenAddress& listen = {});
  ~Relay();
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  unsigned short port() const;

  // Whether pieces are kept (on by default); off only to measure what keeping them costs.
  void keep_recording(bool keep);

  void start();  // accepts clients, on the io_context's thread
  void stop();   // stops accepting and closes every connection; from the io_context's thread

  // What crossed so far.
  Recording recording() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pushlab::live
