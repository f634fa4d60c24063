#pragma once
// The simulator's pending events, earliest first and, among equal times, first scheduled first.
// The Simulator is its only user, so another queue can replace it without touching a model.
//
// Callbacks live in 64-byte slots that never move (a SlotPool), built there in place and run
// there; the time order is kept apart, in a timing wheel of 16-byte (time, slot) entries, so
// ordering never moves a callback. A cancelled event's callback is destroyed at once, but its
// entry stays in the wheel until its time comes (or until a sweep, once cancelled entries
// outnumber pending ones), and only then is its slot reused: an entry always names the event
// it was pushed for.

#include <cstddef>
#include <cstdint>
#include <utility>

#include "sim/engine/callback.hpp"
#include "sim/engine/detail/slot_pool.hpp"
#include "sim/engine/detail/timing_wheel.hpp"
#include "sim/engine/event_id.hpp"
#include "sim/engine/nanoseconds.hpp"

namespace pushlab::sim {

// An event taken out of the queue, its callback not yet run.
struct DueEvent {
  Nanoseconds time{0};
  std::uint32_t slot = 0;
};

class EventQueue {
 public:
  // time must be >= 0 and >= the clock of the simulator using the queue: the Simulator checks.
  EventId push(Nanoseconds time, Callback&& callback) {
    const std::uint32_t slot = slots_.allocate();
    slots_[slot].callback.emplace(std::move(callback));
    return commit(time, slot);
  }

  // As push, building the callable in its slot.
  template <typename F>
  EventId emplace(Nanoseconds time, F&& callable) {
    const std::uint32_t slot = slots_.allocate();
    try {
      slots_[slot].callback.emplace(std::forward<F>(callable));
    } catch (...) {
      slots_.release(slot);
      throw;
    }
    return commit(time, slot);
  }

  // Takes the earliest pending event if its time is <= limit (>= every time taken so far); it
  // is no longer pending.
  bool pop_not_after(Nanoseconds limit, DueEvent& due) {
    detail::TimingWheel::Entry entry;
    std::uint32_t slot_ahead = 0;
    // With nothing pending, cancelled entries stay where they are: popping them would move the
    // wheel's cursor past the simulator's clock, where it may still schedule.
    while (pending_ > 0 &&
           wheel_.pop_not_after(static_cast<std::uint64_t>(limit.count()), entry, slot_ahead)) {
      // The slot of an event a few pops on is a likely cache miss in a big queue: start
      // loading it now. (Here, not in a callable the wheel would call: GCC deems a function
      // that only prefetches free of effects and drops the call.)
      __builtin_prefetch(&slots_[slot_ahead]);
      Slot& slot = slots_[entry.slot];
      if (slot.sequence == 0) {  // cancelled: only its slot was left to free
        --cancelled_;
        slots_.release(entry.slot);
        continue;
      }
      slot.sequence = 0;
      --pending_;
      due = {.time = Nanoseconds{static_cast<Nanoseconds::rep>(entry.time)}, .slot = entry.slot};
      return true;
    }
    return false;
  }

  // Runs a popped event's callback where it lies, then destroys it and frees the slot (also
  // when the callback throws). The capture is destroyed after the call: its destructor may
  // schedule, which never takes this slot before it is released.
  void run(const DueEvent& due) {
    struct Release {
      EventQueue& queue;
      std::uint32_t slot;
      ~Release() {
        queue.slots_[slot].callback.reset();
        queue.slots_.release(slot);
      }
    } release{*this, due.slot};
    slots_[due.slot].callback();
  }

  bool cancel(EventId id);
  bool is_pending(EventId id) const;

  std::size_t size() const { return pending_; }

 private:
  // sequence is the pending event's (from 1), or 0 when the slot holds no pending event.
  struct alignas(64) Slot {
    Callback callback;
    std::uint64_t sequence = 0;
  };

  EventId commit(Nanoseconds time, std::uint32_t slot) {
    try {
      wheel_.push(static_cast<std::uint64_t>(time.count()), slot);
    } catch (...) {  // out of memory: leave the queue as it was
      slots_[slot].callback.reset();
      slots_.release(slot);
      throw;
    }
    const std::uint64_t sequence = next_sequence_++;
    slots_[slot].sequence = sequence;
    ++pending_;
    return EventId{slot, sequence};
  }

  void sweep_cancelled();

  detail::SlotPool<Slot> slots_;
  detail::TimingWheel wheel_;
  std::uint64_t next_sequence_ = 1;
  std::size_t pending_ = 0;
  std::size_t cancelled_ = 0;  // entries in the wheel whose event was cancelled
};

}  // namespace pushlab::sim
