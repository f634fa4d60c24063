#pragma once
// Numbered slots that never move once made, reused last freed first.
//
// The event queue keeps each callback in a slot and runs it where it lies, while that very
// callback schedules more events: growing must not move the slot it runs from, so slots come in
// fixed chunks rather than one std::vector. Reusing the slot freed last keeps the ones in use
// warm in the cache.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

namespace pushlab::sim::detail {

template <typename T>
class SlotPool {
 public:
  T& operator[](std::uint32_t index) { return chunks_[index >> chunk_bits][index & chunk_mask]; }
  const T& operator[](std::uint32_t index) const {
    return chunks_[index >> chunk_bits][index & chunk_mask];
  }

  // Slots ever made: every index below this names a slot.
  std::size_t size() const { return made_; }

  std::uint32_t allocate() {
    if (free_count_ > 0) return free_[--free_count_];
    return make_slot();
  }

  void release(std::uint32_t index) noexcept { free_[free_count_++] = index; }

 private:
  static constexpr unsigned chunk_bits = 12;
  static constexpr std::size_t chunk_size = std::size_t{1} << chunk_bits;
  static constexpr std::uint32_t chunk_mask = chunk_size - 1;

  // Out of line: the free list serves almost every allocation once a simulation runs.
  [[gnu::noinline]] std::uint32_t make_slot() {
    if (made_ == std::size_t{std::numeric_limits<std::uint32_t>::max()} + 1) {
      throw std::length_error("SlotPool: 2^32 slots in use");
    }
    if ((made_ & chunk_mask) == 0) chunks_.push_back(std::make_unique<T[]>(chunk_size));
    // Room for every slot in the free list, so that release never allocates, nor throws.
    if (free_.size() <= made_) free_.resize(std::max<std::size_t>(64, 2 * (made_ + 1)));
    return static_cast<std::uint32_t>(made_++);
  }

  std::vector<std::unique_ptr<T[]>> chunks_;
  std::vector<std::uint32_t> free_;  // the first free_count_ are free slots
  std::size_t free_count_ = 0;
  std::size_t made_ = 0;
};

}  // namespace pushlab::sim::detail
