#pragma once
// The scenario's clients of one transport on real sockets: each opens its page at the start,
// sends its planned messages to the server at their moments (sim::plan_traffic), and closes at
// the scenario's end. Asio stays in the .cpp files.

#include <memory>

#include "live/endpoint_log.hpp"
#include "live/live_clock.hpp"
#include "sim/scenario/scenario.hpp"

namespace boost::asio {
class io_context;
}

namespace pushlab::live {

class Clients {
 public:
  // They connect to 127.0.0.1:`port` (the relay).
  Clients(boost::asio::io_context& io, const sim::Scenario& scenario, sim::Transport transport,
          unsigned short port, LiveClock clock);
  ~Clients();
  Clients(const Clients&) = delete;
  Clients& operator=(const Clients&) = delete;

  void start();  // on the io_context's thread

  // Over TLS, the application bytes each connection wrote and read (empty without TLS).
  const EndpointLogs& logs() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pushlab::live
