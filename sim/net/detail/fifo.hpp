#pragma once
// A first-in, first-out queue on one vector: what a connection keeps of the frames it has in
// flight. Unlike std::deque (which allocates a map and a 512-byte block as soon as it exists) it
// costs nothing while empty, and a queue that empties, as most do between frames, reuses its
// storage. Taken items are dropped once they make up half the vector, so a queue that never
// empties does not grow without bound.

#include <cstddef>
#include <utility>
#include <vector>

namespace pushlab::sim::detail {

template <class T>
class Fifo {
 public:
  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }

  T& front() { return items_[head_]; }
  const T& front() const { return items_[head_]; }

  void push_back(T item) { items_.push_back(std::move(item)); }

  T pop_front() {
    T item = std::move(items_[head_]);
    ++head_;
    if (head_ == items_.size()) {
      clear();
    } else if (head_ >= kCompactAfter && head_ * 2 >= items_.size()) {
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    return item;
  }

  void clear() {
    items_.clear();
    head_ = 0;
  }

  auto begin() { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
  auto end() { return items_.end(); }

 private:
  static constexpr std::size_t kCompactAfter = 16;

  std::vector<T> items_;
  std::size_t head_ = 0;  // items_[0, head_) have been taken
};

}  // namespace pushlab::sim::detail
