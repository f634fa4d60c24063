#include "sim/engine/simulator.hpp"

#include <stdexcept>
#include <utility>

namespace pushlab::sim {

void Simulator::refuse_delay(Nanoseconds delay) {
  if (delay < Nanoseconds::zero()) {
    throw std::invalid_argument("Simulator::schedule: negative delay");
  }
  throw std::invalid_argument("Simulator::schedule: delay runs past the end of the clock");
}

void Simulator::check_not_before_now(Nanoseconds time) const {
  if (time < now_) throw std::invalid_argument("Simulator::schedule_at: time is in the past");
}

void Simulator::check_not_null(bool callable) {
  if (!callable) throw std::invalid_argument("Simulator::schedule: empty callback");
}

EventId Simulator::schedule_at(Nanoseconds time, Callback callback) {
  check_not_before_now(time);
  check_not_null(static_cast<bool>(callback));
  return queue_.push(time, std::move(callback));
}

bool Simulator::cancel(EventId id) {
  return queue_.cancel(id);
}

bool Simulator::is_pending(EventId id) const {
  return queue_.is_pending(id);
}

void Simulator::run() {
  run_events_until(Nanoseconds::max());
}

void Simulator::run_until(Nanoseconds end) {
  if (end < now_) throw std::invalid_argument("Simulator::run_until: end is in the past");
  if (run_events_until(end)) now_ = end;
}

// True when every event due by `end` has run, false when a callback called stop().
bool Simulator::run_events_until(Nanoseconds end) {
  if (running_) throw std::logic_error("Simulator: run called from a callback");
  running_ = true;
  stop_requested_ = false;
  // Whatever a callback throws leaves the simulator usable: its event counts as run.
  struct Guard {
    bool& running;
    ~Guard() { running = false; }
  } guard{running_};

  DueEvent due;
  while (queue_.pop_not_after(end, due)) {
    now_ = due.time;
    ++events_run_;
    queue_.run(due);
    if (stop_requested_) return false;
  }
  return true;
}

}  // namespace pushlab::sim
