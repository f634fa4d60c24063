#include "sim/engine/callback.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <numeric>
#include <utility>

#include "tests/sim/engine/allocation_counter.hpp"

using namespace pushlab::sim;
using pushlab::sim::testing::allocations;

namespace {

// Counts how many copies of it are alive, so a test sees every destruction.
struct Tracked {
  explicit Tracked(int* alive) : alive_(alive) { ++*alive_; }
  Tracked(const Tracked& other) : alive_(other.alive_) { ++*alive_; }
  Tracked& operator=(const Tracked&) = delete;
  ~Tracked() { --*alive_; }

  int* alive_;
};

// A move that may throw: a Callback must not keep it inline, where its own move is noexcept.
struct ThrowingMove {
  ThrowingMove() = default;
  ThrowingMove(ThrowingMove&&) noexcept(false) {}
  void operator()() const {}
};

}  // namespace

TEST_CASE("a callback holds 48 bytes inline in one 56-byte object") {
  CHECK(sizeof(Callback) == 56);
  CHECK(Callback::inline_capacity == 48);
}

TEST_CASE("a capture of 48 bytes (this plus five words) does not allocate, 56 bytes does") {
  std::uint64_t sum = 0;
  std::uint64_t* out = &sum;
  std::uint64_t a = 1, b = 2, c = 3, d = 4, e = 5, f = 6;  // not const: really captured

  const std::uint64_t before_small = allocations();
  Callback small([out, a, b, c, d, e] { *out += a + b + c + d + e; });
  CHECK(allocations() == before_small);
  small();
  CHECK(sum == 15);

  const std::uint64_t before_big = allocations();
  Callback big([out, a, b, c, d, e, f] { *out += a + b + c + d + e + f; });
  CHECK(allocations() == before_big + 1);
  big();
  CHECK(sum == 36);
}

TEST_CASE("moving a callback moves the callable and leaves the source empty") {
  int calls = 0;
  Callback first([&calls] { ++calls; });
  CHECK(static_cast<bool>(first));
  Callback second(std::move(first));
  CHECK_FALSE(static_cast<bool>(first));  // NOLINT(bugprone-use-after-move): what we test
  second();
  CHECK(calls == 1);

  Callback third;
  CHECK_FALSE(static_cast<bool>(third));
  third = std::move(second);
  third();
  CHECK(calls == 2);
}

TEST_CASE("a move-only capture (std::unique_ptr) is kept, moved and freed") {
  int seen = 0;
  Callback callback([owned = std::make_unique<int>(42), &seen] { seen = *owned; });
  Callback moved(std::move(callback));
  moved();
  CHECK(seen == 42);
}

TEST_CASE("a large capture lives on the heap and works the same") {
  std::array<std::uint64_t, 32> values{};
  std::iota(values.begin(), values.end(), std::uint64_t{1});
  std::uint64_t sum = 0;
  Callback callback([values, &sum] { sum = std::accumulate(values.begin(), values.end(), 0ull); });
  Callback moved(std::move(callback));
  moved();
  CHECK(sum == 32 * 33 / 2);
}

TEST_CASE("every capture is destroyed exactly once, inline or on the heap, moved or not") {
  int alive = 0;
  {
    Callback small([tracked = Tracked(&alive)] {});
    CHECK(alive == 1);
    Callback moved(std::move(small));
    CHECK(alive == 1);
  }
  CHECK(alive == 0);
  {
    std::array<char, 100> padding{};
    Callback big([tracked = Tracked(&alive), padding] { static_cast<void>(padding[0]); });
    Callback moved(std::move(big));
    CHECK(alive == 1);
  }
  CHECK(alive == 0);
}

TEST_CASE("assigning over a callback destroys the old capture, reset empties it") {
  int alive = 0;
  Callback callback([tracked = Tracked(&alive)] {});
  CHECK(alive == 1);
  callback = Callback([] {});
  CHECK(alive == 0);

  Callback other([tracked = Tracked(&alive)] {});
  CHECK(alive == 1);
  other.reset();
  CHECK(alive == 0);
  CHECK_FALSE(static_cast<bool>(other));
}

TEST_CASE("a mutable callable keeps its state between calls") {
  int last = 0;
  Callback counter([count = 0, &last]() mutable { last = ++count; });
  counter();
  counter();
  counter();
  CHECK(last == 3);
}

TEST_CASE("a callable whose move may throw goes to the heap") {
  const std::uint64_t before = allocations();
  Callback callback(ThrowingMove{});
  CHECK(allocations() == before + 1);
  Callback moved(std::move(callback));
  CHECK(allocations() == before + 1);  // moving the Callback moves only the pointer
  moved();
}
