#pragma once
// Runs a live server (Server or RecordingServer) on a thread of its own while the test lives,
// and stops it even when a REQUIRE ends the test early.

#include <thread>

namespace pushlab::live::testing {

template <class AnyServer>
class Serving {
 public:
  explicit Serving(AnyServer& server) : server_(server), thread_([this] { server_.run(); }) {}
  ~Serving() {
    server_.stop();
    thread_.join();
  }
  Serving(const Serving&) = delete;
  Serving& operator=(const Serving&) = delete;

 private:
  AnyServer& server_;
  std::thread thread_;
};

}  // namespace pushlab::live::testing
