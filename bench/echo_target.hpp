#pragma once
// The live server's /echo endpoint for the live benchmarks, on an io_context of its own
// thread, reached directly or through the recording relay. The relay plays a network of no
// latency and no proxy, so what it adds is its own cost.

#include <boost/asio.hpp>

#include <chrono>
#include <optional>
#include <thread>

#include "live/live_clock.hpp"
#include "live/recording.hpp"
#include "live/relay.hpp"
#include "live/server.hpp"

namespace pushlab::bench {

enum class Route { direct, relay, relay_unrecorded };

// WebSocket only, no traffic of its own, a network that delays nothing.
inline sim::Scenario echo_scenario() {
  sim::Scenario scenario;
  scenario.name = "bench";
  scenario.duration = std::chrono::seconds{1};
  scenario.lanes = {sim::Transport::websocket};
  scenario.network.latency = sim::Nanoseconds{0};
  return scenario;
}

class EchoTarget {
 public:
  explicit EchoTarget(Route route) : server_(io_, {.scenario = scenario_}) {
    if (route != Route::direct) {
      relay_.emplace(io_, scenario_, server_.port(), live::LiveClock{});
      relay_->keep_recording(route == Route::relay);
    }
    boost::asio::post(io_, [this] {
      server_.start(std::chrono::steady_clock::now());
      if (relay_) relay_->start();
    });
    thread_ = std::thread([this] { io_.run(); });
  }
  ~EchoTarget() { stop(); }
  EchoTarget(const EchoTarget&) = delete;
  EchoTarget& operator=(const EchoTarget&) = delete;

  // Where clients connect: the relay, if there is one.
  unsigned short port() const { return relay_ ? relay_->port() : server_.port(); }

  // Closes the relay and the server and ends their thread; the recording is whole after it.
  void stop() {
    if (!thread_.joinable()) return;
    boost::asio::post(io_, [this] {
      if (relay_) relay_->stop();
      server_.close();
      io_.stop();
    });
    thread_.join();
  }

  // What the relay recorded (nothing when direct). After stop().
  live::Recording recording() const { return relay_ ? relay_->recording() : live::Recording{}; }

 private:
  sim::Scenario scenario_ = echo_scenario();
  boost::asio::io_context io_;
  live::Server server_;
  std::optional<live::Relay> relay_;
  std::thread thread_;
};

}  // namespace pushlab::bench
