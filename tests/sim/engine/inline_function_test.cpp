#include "sim/engine/inline_function.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "tests/sim/engine/allocation_counter.hpp"

using namespace pushlab::sim;
using pushlab::sim::testing::allocations;

TEST_CASE(
    "an inline function keeps a capture of up to 32 bytes in itself, a bigger one on the heap") {
  std::uint64_t a = 1, b = 2, c = 3, d = 4;  // not const: really captured
  const std::uint64_t before_small = allocations();
  InlineFunction<std::uint64_t(std::uint64_t)> small = [a, b, c, d](std::uint64_t x) {
    return a + b + c + d + x;
  };
  CHECK(allocations() == before_small);
  CHECK(small(10) == 20);

  std::uint64_t e = 5;
  const std::uint64_t before_big = allocations();
  InlineFunction<std::uint64_t(std::uint64_t)> big = [a, b, c, d, e](std::uint64_t x) {
    return a + b + c + d + e + x;
  };
  CHECK(allocations() == before_big + 1);
  CHECK(big(10) == 25);
}

TEST_CASE("an inline function is empty by default, from nullptr, and after being moved from") {
  InlineFunction<void()> empty;
  CHECK_FALSE(empty);
  InlineFunction<void()> from_null = nullptr;
  CHECK_FALSE(from_null);

  int calls = 0;
  InlineFunction<void()> source = [&calls] { ++calls; };
  CHECK(source);
  InlineFunction<void()> target = std::move(source);
  CHECK_FALSE(source);  // NOLINT(bugprone-use-after-move): moved-from is empty, by contract
  target();
  CHECK(calls == 1);
  target = nullptr;
  CHECK_FALSE(target);
}

TEST_CASE("an inline function owns what it captures: moved with it, destroyed once") {
  auto owned = std::make_shared<std::string>("kept");
  const std::weak_ptr<std::string> watch = owned;
  {
    InlineFunction<std::size_t(), 32> holder = [owned = std::move(owned)] { return owned->size(); };
    InlineFunction<std::size_t(), 32> moved = std::move(holder);
    CHECK(moved() == 4);
    CHECK_FALSE(watch.expired());
    holder = std::move(moved);  // back again, replacing nothing
    CHECK(holder() == 4);
  }
  CHECK(watch.expired());
}

TEST_CASE("an inline function passes references through, and may empty itself while it runs") {
  InlineFunction<void(std::string&)> append;
  append = [&append](std::string& text) {
    text += "!";
    append = nullptr;  // as a request's callback is cleared when its connection is released
  };
  std::string text = "hi";
  append(text);
  CHECK(text == "hi!");
  CHECK_FALSE(append);
}
