#include "sim/engine/detail/timing_wheel.hpp"

namespace pushlab::sim::detail {

void TimingWheel::append_growing(std::vector<Entry>& entries, const Entry& entry) {
  entries.push_back(entry);
}

// Moves the cursor to the next occupied level-0 bucket, cascading as needed, if its time is
// within the limit.
TimingWheel::Fifo* TimingWheel::advance(std::uint64_t limit) {
  int bucket = next_occupied(0, cursor_ & byte_mask);
  while (bucket < 0) {
    if (!cascade(limit)) return nullptr;
    bucket = next_occupied(0, 0);
  }
  const std::uint64_t time = (cursor_ & ~byte_mask) | static_cast<std::uint64_t>(bucket);
  if (time > limit) return nullptr;
  cursor_ = time;
  return &levels_[0].buckets[static_cast<std::size_t>(bucket)];
}

void TimingWheel::empty_bucket(int level, int bucket) {
  Fifo& fifo = levels_[level].buckets[static_cast<std::size_t>(bucket)];
  fifo.entries.clear();  // keeps its capacity for the next time round
  fifo.head = 0;
  auto& occupied = levels_[level].occupied;
  occupied[static_cast<std::size_t>(bucket / 64)] &= ~(1ull << (bucket % 64));
  if ((occupied[0] | occupied[1] | occupied[2] | occupied[3]) == 0) {
    occupied_levels_ &= ~(1u << level);
  }
}

// Level 0 is empty: moves the cursor to the start of the first occupied bucket of the lowest
// occupied level and files that bucket's entries again, below it. Moves nothing if that start
// is past the limit, so the cursor never passes a time a later push may still use.
bool TimingWheel::cascade(std::uint64_t limit) {
  const unsigned upper_levels = occupied_levels_ & ~1u;
  if (upper_levels == 0) return false;
  const int level = std::countr_zero(upper_levels);
  const int shift = 8 * level;
  // Entries at this level differ from the cursor first in this byte, and are later: larger.
  const int bucket = next_occupied(level, ((cursor_ >> shift) & byte_mask) + 1);
  const std::uint64_t same_above =
      level == level_count - 1 ? 0 : cursor_ & ~((1ull << (shift + 8)) - 1);
  const std::uint64_t start = same_above | (static_cast<std::uint64_t>(bucket) << shift);
  if (start > limit) return false;

  cursor_ = start;
  Fifo& fifo = levels_[level].buckets[static_cast<std::size_t>(bucket)];
  for (const Entry& entry : fifo.entries) file(entry.time, entry.slot);  // always to a lower level
  empty_bucket(level, bucket);
  return true;
}

}  // namespace pushlab::sim::detail
