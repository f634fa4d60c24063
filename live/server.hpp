#pragma once
// The live server: the scenario's server side on real sockets, with Boost.Beast, on one
// io_context. One endpoint per transport, as the simulator names them:
//
//   GET  /poll?client=N     short polling: the messages waiting (a JSON array of strings), or 204
//   GET  /lp?client=N       long polling: held until a message waits or long_poll.timeout_s
//                           (both with &received=K: the client's messages from its K-th on)
//   GET  /events?client=N   Server-Sent Events: a chunked text/event-stream, one event per
//                           message with its id; Last-Event-ID resumes after that id
//   GET  /ws?client=N       WebSocket: a text frame per message; the client's frames are its
//                           messages to the server
//   POST /send?client=N     a message from the client (text/plain)
//   /engine.io/?EIO=4&...   Engine.IO v4: long polling, the probe WebSocket and the upgrade,
//                           heartbeats (live/engine_io/); /socket.io/ with Socket.IO above it
//   GET  /echo              WebSocket that sends back each message: for measuring round trips
//   GET  /                  the demo page (assets/web/index.html)
//
// A request from a web page of another origin than the server's own gets 403 on every
// endpoint (origin_policy.hpp); a WebSocket handshake is decided by sim/wire's own checks, as
// the simulated server decides it, before Beast accepts it.
//
// Clients are numbered from 1 as in the simulator; `client` defaults to 1. The scenario's
// server-to-client traffic is published at its planned moments (sim::plan_traffic), divided
// by the time scale. Beast stays in server.cpp: including this header costs nothing.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace boost::asio {
class io_context;
}

namespace pushlab::live {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  unsigned short port = 0;  // 0: any free port (port() says which)
  std::filesystem::path web_dir{};
  sim::Scenario scenario{};
  double time_scale = 1;  // scenario seconds per second of wall time
  bool tls = false;       // https:// and wss://, with a self-signed certificate made at start
  // Pages of other origins that may use the endpoints, besides the server's own ("*": any page);
  // any other page's request is answered 403 (origin_policy.hpp).
  std::vector<std::string> allowed_origins{};
  // Limits against careless and hostile clients.
  std::size_t header_limit = 8 * 1024;
  std::size_t body_limit = 64 * 1024;
  std::chrono::seconds request_timeout{30};  // to read a whole request: a slowloris is cut off
  std::size_t max_connections = 10'000;
  // Every transport sends back what a client sent it, instead of taking it in: for
  // demonstrations, and the Engine.IO and Socket.IO conformance suites.
  bool echo = false;
};

// Counts for a running server's status line and for tests.
struct ServerCounts {
  std::uint64_t connections = 0;  // accepted so far
  std::uint64_t open_connections = 0;
  std::uint64_t requests = 0;
  std::uint64_t published = 0;  // messages sent towards clients
  std::uint64_t received = 0;   // messages from clients
  std::uint64_t forbidden = 0;  // requests from pages of another origin, answered 403
};

class Server {
 public:
  // Binds and listens at once; throws std::runtime_error naming the address if it cannot.
  explicit Server(ServerOptions options);
  // On an io_context shared with other parts of a live run: start() and close() it there.
  Server(boost::asio::io_context& io, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  unsigned short port() const;
  bool tls() const;

  // Browsers reach this server at another address, a relay's: its own origin is that one's.
  // Before start().
  void serve_pages_of(const std::string& bind, unsigned short port);

  // Serves until stop() (from any thread) or, with `stop_on_signals`, SIGINT or SIGTERM.
  void run(bool stop_on_signals = false);
  void stop();

  // Accepts, and publishes the scenario's messages at their moments after `origin`.
  void start(std::chrono::steady_clock::time_point origin);
  // Stops accepting and publishing; sessions end as their clients go.
  void close();

  // Safe to call only when run() is not running, or from its thread.
  ServerCounts counts() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pushlab::live
