#pragma once
// The window's Live button: runs the scenario on real sockets on a thread of its own, so the
// window keeps drawing (and shows how far the run has come), and keeps what the last run gave.
// What runs is a function given at construction: live::run in the window, a stand-in in
// tests.

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "live/run_options.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::viz {

using LiveRunner = std::function<sim::Trace(const sim::Scenario&, const live::LiveOptions&)>;

struct LiveResult {
  sim::Scenario scenario;  // what ran: once the window's scenario differs, the result is stale
  sim::Trace trace;
};

class LiveRun {
 public:
  explicit LiveRun(LiveRunner runner);
  ~LiveRun();  // stops a run still going, and waits for it to let go of its sockets
  LiveRun(const LiveRun&) = delete;
  LiveRun& operator=(const LiveRun&) = delete;

  // Starts a live run of `scenario`; false (and nothing started) while one is going.
  bool start(const sim::Scenario& scenario, double time_scale);
  bool running() const { return pending_.valid(); }
  double progress() const { return progress_->load(); }          // of the run going, 0 to 1
  sim::Nanoseconds wall_length() const { return wall_length_; }  // of the run going or last

  // Call once a frame: takes in a run that has ended. True when one just did, with a new
  // result or an error.
  bool collect();

  const std::optional<LiveResult>& result() const { return result_; }  // of the last good run
  const std::string& error() const { return error_; }  // why the last run failed; else empty
  bool current_for(const sim::Scenario& scenario) const {
    return result_ && result_->scenario == scenario;
  }

 private:
  LiveRunner runner_;
  std::future<LiveResult> pending_;
  std::shared_ptr<std::atomic<double>> progress_ = std::make_shared<std::atomic<double>>(0);
  std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
  sim::Nanoseconds wall_length_{0};
  std::optional<LiveResult> result_;
  std::string error_;
};

// Scenario seconds per wall second that make a live run last about 15 s, and never slower
// than real time: 8 for a 120 s scenario, 1 for a 10 s one.
double default_time_scale(sim::Nanoseconds duration);

// How long a live run of a scenario that long takes at that time scale (> 0).
sim::Nanoseconds wall_time(sim::Nanoseconds duration, double time_scale);

}  // namespace pushlab::viz
