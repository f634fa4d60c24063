#pragma once
// Names one scheduled event, so that a model can cancel it (a retransmission timer that an ACK
// made pointless). An id stays valid forever: once its event has run or been cancelled, the id
// refers to nothing, even after the queue has reused the event's storage for a later event.

#include <cstdint>

namespace pushlab::sim {

class EventId {
 public:
  // An id that never names an event: what a model holds before it first schedules.
  constexpr EventId() = default;
  constexpr EventId(std::uint32_t slot, std::uint64_t sequence)
      : slot_(slot), sequence_(sequence) {}

  // Where the queue keeps the event, and the event's unique, never reused, number (from 1).
  constexpr std::uint32_t slot() const { return slot_; }
  constexpr std::uint64_t sequence() const { return sequence_; }

  friend constexpr bool operator==(const EventId&, const EventId&) = default;

 private:
  std::uint32_t slot_ = 0;
  std::uint64_t sequence_ = 0;
};

}  // namespace pushlab::sim
