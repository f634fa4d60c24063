#pragma once
// What `pushlab-cli serve` runs for a class: the live server behind the recording relay, on one
// io_context. Browsers connect to the relay, which applies the scenario's network and proxy on
// the way and records every byte; when the server stops, trace() decodes what crossed.

#include <memory>

#include "live/server.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::live {

class RecordingServer {
 public:
  // Listens on options.bind:options.port (the relay); the server itself takes a free port on
  // 127.0.0.1. Throws std::runtime_error naming the address if it cannot listen.
  explicit RecordingServer(ServerOptions options);
  ~RecordingServer();
  RecordingServer(const RecordingServer&) = delete;
  RecordingServer& operator=(const RecordingServer&) = delete;

  unsigned short port() const;  // where browsers connect
  bool tls() const;

  // Serves until stop() (from any thread) or, with `stop_on_signals`, SIGINT or SIGTERM.
  void run(bool stop_on_signals = false);
  void stop();

  // After run(): the server's counts, and a lane for each transport the browsers used. Over
  // TLS the relay saw only records a browser's keys could open: trace() then throws
  // std::runtime_error saying so.
  ServerCounts counts() const;
  sim::Trace trace() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pushlab::live
