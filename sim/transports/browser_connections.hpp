#pragma once
// One browser's HTTP/1.1 connections to the host, with the rules browsers follow: a connection
// is kept alive and reused for the next request, and at most six are open to one host at once
// (a held long poll or event stream occupies one for as long as it is held; a request that
// finds all six busy waits for one to free up).

#include <memory>
#include <vector>

#include "sim/engine/inline_function.hpp"
#include "sim/net/socket.hpp"
#include "sim/net/topology.hpp"

namespace pushlab::sim {

inline constexpr std::size_t kMaxConnectionsPerHost = 6;

// A connection lent to one request at a time.
class PooledConnection {
 public:
  PooledConnection(TcpConnection& connection, bool tls) : socket_(connection, Side::opener, tls) {}

  Socket& socket() { return socket_; }
  void send(WireFrame frame) { socket_.send(std::move(frame)); }

  // While lent: where frames that arrive go, and what happens if the connection ends first.
  InlineFunction<void(const WireFrame&)> on_frame;
  InlineFunction<void()> on_closed;

  bool busy = false;
  bool dead = false;
  InlineFunction<void(PooledConnection&)> waiting_for_handshake;  // the request it was opened for

 private:
  Socket socket_;
};

class BrowserConnections {
 public:
  using Use = InlineFunction<void(PooledConnection&)>;

  BrowserConnections(Topology& topology, int client) : topology_(topology), client_(client) {}
  BrowserConnections(const BrowserConnections&) = delete;
  BrowserConnections& operator=(const BrowserConnections&) = delete;

  // Runs `use` with a ready connection lent to it: an idle one, a new one if fewer than six are
  // open, or the first to free up.
  void acquire(Use use);

  // The request is over (its response has come): the connection is idle again, kept alive.
  void release(PooledConnection& connection);

  // Closes every connection (the page is closed), and forgets waiting requests.
  void close_all();

  // The page aborts every request it has out (XMLHttpRequest.abort(), as a library does when
  // its session ends): each connection lent to one is closed and forgotten, and requests
  // waiting for a connection are dropped. Idle ones stay, kept alive for the next request.
  void abort_requests();

  std::size_t open_count() const;

 private:
  PooledConnection& open_new();
  void lend(PooledConnection& connection, Use use);
  void connection_ended(PooledConnection& connection);
  void retire(PooledConnection& connection);
  void serve_waiting();

  Topology& topology_;
  int client_;
  std::vector<std::unique_ptr<PooledConnection>> connections_;  // open ones, at most six
  // Ended ones: their TCP connection may still call back into them until the run ends.
  std::vector<std::unique_ptr<PooledConnection>> retired_;
  std::vector<Use> waiting_;  // requests for a connection, first come first; rarely more than one
  bool closing_ = false;
};

}  // namespace pushlab::sim
