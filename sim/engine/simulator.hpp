#pragma once
// The discrete-event core. Models know only three things about it: what time it is, how to ask
// for a callback later, and how to take that request back.
//
//   Simulator simulator;
//   EventId timeout = simulator.schedule(200ms, [this] { retransmit(); });
//   ...
//   simulator.cancel(timeout);  // the ACK arrived
//   simulator.run_until(60s);
//
// Events run in time order, and events due at the same time run in the order they were
// scheduled (first in, first out), wherever they were scheduled from: with the same seed, a run
// is the same every time and on every machine.

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "sim/engine/callback.hpp"
#include "sim/engine/event_id.hpp"
#include "sim/engine/event_queue.hpp"
#include "sim/engine/nanoseconds.hpp"

namespace pushlab::sim {

class Simulator {
 public:
  Simulator() = default;
  // Models keep a reference to their simulator: it stays where it is.
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;
  // Pending callbacks are destroyed with it; their captures' destructors must not use it.
  ~Simulator() = default;

  // Starts at 0. Inside a callback, the time that callback was scheduled for.
  Nanoseconds now() const { return now_; }

  // Runs `callback` at now() + delay. A zero delay runs it after every event already due now.
  // Throws std::invalid_argument for a negative delay, a time past Nanoseconds::max(), or an
  // empty callback: all programming errors.
  EventId schedule(Nanoseconds delay, Callback callback) {
    return schedule_at(time_after(delay), std::move(callback));
  }

  // Runs `callback` at `time`; throws std::invalid_argument if time < now() or it is empty.
  EventId schedule_at(Nanoseconds time, Callback callback);

  // The same for any other callable, a lambda most often: it is built straight into the
  // queue's storage rather than into a Callback that is then moved there.
  template <CallbackTarget F>
  EventId schedule(Nanoseconds delay, F&& callable) {
    if constexpr (std::is_pointer_v<std::remove_cvref_t<F>>) check_not_null(callable != nullptr);
    return queue_.emplace(time_after(delay), std::forward<F>(callable));
  }

  template <CallbackTarget F>
  EventId schedule_at(Nanoseconds time, F&& callable) {
    check_not_before_now(time);
    if constexpr (std::is_pointer_v<std::remove_cvref_t<F>>) check_not_null(callable != nullptr);
    return queue_.emplace(time, std::forward<F>(callable));
  }

  // Takes back a pending event, destroying its callback: true if it was pending. An id whose
  // event already ran or was cancelled, or a default EventId, is harmless: false.
  bool cancel(EventId id);
  bool is_pending(EventId id) const;

  // Runs events until none is left or a callback calls stop(). now() is then the time of the
  // last event run.
  void run();

  // Runs every event due at or before `end`, including those scheduled while running, then
  // sets now() to `end`, whether or not later events are pending (they stay pending, and a
  // later run or run_until carries on with them). So run_until(a) then run_until(b) runs what
  // run_until(b) alone would, and a model that repeats forever, like a poll every second, still
  // returns. If a callback calls stop(), it returns at once and now() stays at that event's time.
  // Throws std::invalid_argument if end < now().
  void run_until(Nanoseconds end);

  // From a callback: run or run_until returns once this callback returns. Nothing otherwise:
  // each run starts afresh.
  void stop() { stop_requested_ = true; }

  // Callbacks run so far (cancelled events never run), and events pending now.
  std::uint64_t events_run() const { return events_run_; }
  std::size_t pending() const { return queue_.size(); }

 private:
  Nanoseconds time_after(Nanoseconds delay) const {
    if (delay < Nanoseconds::zero() || delay > Nanoseconds::max() - now_) refuse_delay(delay);
    return now_ + delay;
  }
  [[noreturn]] static void refuse_delay(Nanoseconds delay);
  void check_not_before_now(Nanoseconds time) const;
  static void check_not_null(bool callable);
  bool run_events_until(Nanoseconds end);

  EventQueue queue_;
  Nanoseconds now_{0};
  std::uint64_t events_run_ = 0;
  bool stop_requested_ = false;
  bool running_ = false;
};

}  // namespace pushlab::sim
