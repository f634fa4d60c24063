#include "sim/engine/event_queue.hpp"

namespace pushlab::sim {

namespace {

// Sweeping costs a pass over the wheel: wait until it removes at least this many entries.
constexpr std::size_t sweep_floor = 1024;

}  // namespace

bool EventQueue::cancel(EventId id) {
  if (!is_pending(id)) return false;
  Slot& slot = slots_[id.slot()];
  slot.sequence = 0;
  --pending_;
  ++cancelled_;
  // Destroyed last: the capture's destructor may call back into the simulator.
  const Callback doomed = std::move(slot.callback);
  if (cancelled_ >= sweep_floor && cancelled_ > pending_) sweep_cancelled();
  return true;
}

bool EventQueue::is_pending(EventId id) const {
  return id.sequence() != 0 && id.slot() < slots_.size() &&
         slots_[id.slot()].sequence == id.sequence();
}

void EventQueue::sweep_cancelled() {
  wheel_.remove_if([this](std::uint32_t slot) {
    if (slots_[slot].sequence != 0) return false;
    slots_.release(slot);
    return true;
  });
  cancelled_ = 0;
}

}  // namespace pushlab::sim
