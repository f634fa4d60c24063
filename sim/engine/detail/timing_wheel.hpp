#pragma once
// A hierarchical timing wheel (Varghese and Lauck, 1987) of (time, slot) entries: a monotone
// priority queue for integer times, first in, first out among equal times.
//
// A discrete-event simulation never schedules before the present, so the wheel keeps a cursor
// (never after the simulator's clock) and files each entry by the highest byte in which its
// time differs from the cursor: level L, bucket = that byte of the time. Level 0 therefore holds
// one bucket per nanosecond of the cursor's 256 ns window, each a FIFO of the events due then.
// Push is an append. Pop takes the front of the first occupied level-0 bucket (bitmaps find it);
// when level 0 is empty, the first occupied bucket of the lowest occupied level is emptied into
// the levels below it ("cascaded"). An entry cascades at most 7 times, and only as often as its
// delay has bytes: a delay under 256 ns never moves, one of 50 ms (26 bits) moves 3 times.
//
// Equal times always share a bucket, and appending and cascading both keep a bucket's order, so
// equal times come out in the order they were pushed without storing a sequence number.

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace pushlab::sim::detail {

class TimingWheel {
 public:
  struct Entry {
    std::uint64_t time = 0;
    std::uint32_t slot = 0;
  };

  // time >= every time popped, and >= any limit a failed pop was given: the caller checks.
  void push(std::uint64_t time, std::uint32_t slot) { file(time, slot); }

  // Takes the earliest entry if its time is <= limit, which must be >= every time popped.
  // Otherwise leaves every entry in place and the cursor <= limit, so that entries may still
  // be pushed at any time >= limit. Sets slot_ahead to the slot of an entry due a few pops
  // later (or of the last one due at the same time), for the caller to start loading it.
  bool pop_not_after(std::uint64_t limit, Entry& entry, std::uint32_t& slot_ahead) {
    Fifo* fifo = &levels_[0].buckets[cursor_ & byte_mask];
    if (fifo->head == fifo->entries.size()) {  // nothing more due at the cursor
      fifo = advance(limit);
      if (fifo == nullptr) return false;
    }
    // A bucket can hold many thousand entries, read once, long after they were written: load
    // the lines ahead of the reader, and what the entries a little ahead point to.
    const std::size_t last = fifo->entries.size() - 1;
    __builtin_prefetch(&fifo->entries[std::min(fifo->head + entry_prefetch_distance, last)]);
    slot_ahead = fifo->entries[std::min(fifo->head + slot_prefetch_distance, last)].slot;
    entry = fifo->entries[fifo->head++];
    if (fifo->head == fifo->entries.size()) empty_bucket(0, static_cast<int>(cursor_ & byte_mask));
    return true;
  }

  // Drops every entry for which dead(slot) is true, keeping the others' order.
  template <typename Predicate>
  void remove_if(Predicate dead) {
    for (int level = 0; level < level_count; ++level) {
      for (int bucket = 0; bucket < bucket_count; ++bucket) {
        Fifo& fifo = levels_[level].buckets[static_cast<std::size_t>(bucket)];
        if (fifo.entries.empty()) continue;
        const auto first = fifo.entries.begin() + static_cast<std::ptrdiff_t>(fifo.head);
        fifo.entries.erase(fifo.entries.begin(), first);
        fifo.head = 0;
        std::erase_if(fifo.entries, [&](const Entry& entry) { return dead(entry.slot); });
        if (fifo.entries.empty()) empty_bucket(level, bucket);
      }
    }
  }

 private:
  static constexpr int level_count = 8;
  static constexpr int bucket_count = 256;
  static constexpr std::uint64_t byte_mask = 0xff;
  static constexpr std::size_t entry_prefetch_distance = 64;  // 1 KiB
  static constexpr std::size_t slot_prefetch_distance = 16;

  struct Fifo {
    std::vector<Entry> entries;
    std::size_t head = 0;  // entries before it were popped (level 0 only)
  };

  struct Level {
    std::array<Fifo, bucket_count> buckets;
    std::array<std::uint64_t, bucket_count / 64> occupied{};  // one bit per non-empty bucket
  };

  // The level and bucket for `time` given the cursor: where it belongs now.
  // Takes the fields apart: building an Entry on the stack and copying it as one 16-byte
  // load would stall on store forwarding.
  void file(std::uint64_t time, std::uint32_t slot) {
    // The index of the highest differing byte; "| 1" makes equal times level 0 without a branch.
    const std::uint64_t differing = (time ^ cursor_) | 1;
    const std::size_t level = static_cast<std::size_t>(std::bit_width(differing) - 1) / 8;
    const std::size_t bucket = (time >> (8 * level)) & byte_mask;
    Level& wheel = levels_[level];
    std::vector<Entry>& entries = wheel.buckets[bucket].entries;
    if (entries.size() < entries.capacity()) [[likely]] {
      entries.push_back({.time = time, .slot = slot});
    } else {
      append_growing(entries, {.time = time, .slot = slot});
    }
    wheel.occupied[bucket / 64] |= 1ull << (bucket % 64);
    occupied_levels_ |= 1u << level;
  }

  // The first occupied bucket of `level` at or after `from` (0..256), or -1.
  int next_occupied(int level, std::uint64_t from) const {
    const auto& occupied = levels_[level].occupied;
    for (std::uint64_t word = from / 64; word < occupied.size(); ++word) {
      std::uint64_t bits = occupied[word];
      if (word == from / 64) bits &= ~0ull << (from % 64);
      if (bits != 0) return static_cast<int>(word * 64) + std::countr_zero(bits);
    }
    return -1;
  }

  // Out of line, so that the common case stays small enough to inline.
  static void append_growing(std::vector<Entry>& entries, const Entry& entry);
  Fifo* advance(std::uint64_t limit);
  void empty_bucket(int level, int bucket);
  bool cascade(std::uint64_t limit);

  std::array<Level, level_count> levels_;
  std::uint64_t cursor_ = 0;
  unsigned occupied_levels_ = 0;  // bit L set when level L has an entry
};

}  // namespace pushlab::sim::detail
