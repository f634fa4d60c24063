#include "viz/model/live_run.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

namespace pushlab::viz {

namespace {

constexpr double kTargetWallSeconds = 15;

}  // namespace

LiveRun::LiveRun(LiveRunner runner) : runner_(std::move(runner)) {}

LiveRun::~LiveRun() {
  cancel_->store(true);
  if (pending_.valid()) pending_.wait();
}

bool LiveRun::start(const sim::Scenario& scenario, double time_scale) {
  if (running()) return false;
  progress_->store(0);
  cancel_->store(false);
  wall_length_ = wall_time(scenario.duration, time_scale);
  live::LiveOptions options{
      .time_scale = time_scale,
      .progress = [progress =
                       progress_](double done) { progress->store(std::clamp(done, 0.0, 1.0)); },
      .cancel = cancel_};
  // The thread gets its own copies: the window may change its scenario while the run goes.
  pending_ = std::async(std::launch::async, [runner = runner_, scenario, options] {
    sim::Trace trace = runner(scenario, options);
    return LiveResult{.scenario = scenario, .trace = std::move(trace)};
  });
  return true;
}

bool LiveRun::collect() {
  using namespace std::chrono_literals;
  if (!pending_.valid() || pending_.wait_for(0s) != std::future_status::ready) return false;
  try {
    result_ = pending_.get();
    error_.clear();
  } catch (const std::exception& error) {
    error_ = error.what();
  } catch (...) {  // a window must outlive whatever a run throws
    error_ = "the live run failed for an unknown reason";
  }
  return true;
}

double default_time_scale(sim::Nanoseconds duration) {
  return std::max(1.0, std::chrono::duration<double>(duration).count() / kTargetWallSeconds);
}

sim::Nanoseconds wall_time(sim::Nanoseconds duration, double time_scale) {
  return std::chrono::duration_cast<sim::Nanoseconds>(
      std::chrono::duration<double>(std::chrono::duration<double>(duration).count() / time_scale));
}

}  // namespace pushlab::viz
