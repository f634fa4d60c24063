#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <utility>
#include <vector>

#include "sim/engine/rng.hpp"
#include "sim/engine/simulator.hpp"

using namespace pushlab::sim;
using namespace std::chrono_literals;

TEST_CASE("cancelling a pending event: it never runs, and it is no longer pending") {
  Simulator simulator;
  bool ran = false;
  const EventId id = simulator.schedule(10ns, [&] { ran = true; });
  CHECK(simulator.is_pending(id));
  CHECK(simulator.pending() == 1);
  CHECK(simulator.cancel(id));
  CHECK_FALSE(simulator.is_pending(id));
  CHECK(simulator.pending() == 0);
  simulator.run();
  CHECK_FALSE(ran);
  CHECK(simulator.events_run() == 0);
}

TEST_CASE("cancelling twice, or after the event ran, is harmless and says false") {
  Simulator simulator;
  const EventId cancelled = simulator.schedule(10ns, [] {});
  int runs = 0;
  const EventId ran = simulator.schedule(5ns, [&] { ++runs; });
  CHECK(simulator.cancel(cancelled));
  CHECK_FALSE(simulator.cancel(cancelled));
  simulator.run();
  CHECK(runs == 1);
  CHECK_FALSE(simulator.is_pending(ran));
  CHECK_FALSE(simulator.cancel(ran));
  CHECK_FALSE(simulator.cancel(cancelled));
}

TEST_CASE("an id that names nothing cancels nothing") {
  Simulator simulator;
  const EventId pending = simulator.schedule(1ns, [] {});
  CHECK_FALSE(simulator.cancel(EventId{}));
  CHECK_FALSE(simulator.is_pending(EventId{}));
  CHECK_FALSE(simulator.cancel(EventId{1000, 1}));  // no such slot
  CHECK_FALSE(simulator.cancel(EventId{pending.slot(), pending.sequence() + 1}));
  CHECK(simulator.is_pending(pending));
}

TEST_CASE("a stale id of an event that ran never cancels the later event reusing its slot") {
  Simulator simulator;
  const EventId first = simulator.schedule(1ns, [] {});
  simulator.run();
  bool second_ran = false;
  const EventId second = simulator.schedule(1ns, [&] { second_ran = true; });
  REQUIRE(second.slot() == first.slot());  // otherwise this test would show nothing
  CHECK_FALSE(simulator.cancel(first));
  CHECK(simulator.is_pending(second));
  simulator.run();
  CHECK(second_ran);
}

TEST_CASE("a stale id of a cancelled event never cancels the later event reusing its slot") {
  Simulator simulator;
  const EventId first = simulator.schedule(5ns, [] {});
  CHECK(simulator.cancel(first));
  simulator.schedule(6ns, [] {});
  simulator.run();  // passes the cancelled entry at 5 ns, which frees its slot
  // Slots are reused last freed first: the second of these takes the cancelled event's slot.
  int runs = 0;
  const EventId reusing_other = simulator.schedule(1ns, [&] { ++runs; });
  const EventId reusing_first = simulator.schedule(1ns, [&] { ++runs; });
  REQUIRE(reusing_first.slot() == first.slot());  // otherwise this test would show nothing
  CHECK(reusing_other.slot() != first.slot());
  CHECK_FALSE(simulator.cancel(first));
  CHECK(simulator.is_pending(reusing_first));
  simulator.run();
  CHECK(runs == 2);
}

TEST_CASE("cancelled entries left after the last event do not hold back the clock") {
  // run() ends with only a cancelled entry at 50 ns queued; scheduling at 11 ns must still work
  // and run before an event at 40 ns.
  Simulator simulator;
  simulator.schedule(10ns, [] {});
  simulator.cancel(simulator.schedule(50ns, [] {}));
  simulator.run();
  CHECK(simulator.now() == 10ns);
  std::vector<Nanoseconds> ran;
  simulator.schedule(30ns, [&] { ran.push_back(simulator.now()); });
  simulator.schedule(1ns, [&] { ran.push_back(simulator.now()); });
  simulator.run();
  CHECK(ran == std::vector<Nanoseconds>{11ns, 40ns});
}

TEST_CASE("a callback can cancel a later event, and cancelling itself says false") {
  Simulator simulator;
  bool later_ran = false;
  EventId self;
  EventId later = simulator.schedule(10ns, [&] { later_ran = true; });
  bool cancelled_self = true;
  self = simulator.schedule(5ns, [&] {
    cancelled_self = simulator.cancel(self);
    CHECK_FALSE(simulator.is_pending(self));
    CHECK(simulator.cancel(later));
  });
  simulator.run();
  CHECK_FALSE(cancelled_self);
  CHECK_FALSE(later_ran);
  CHECK(simulator.events_run() == 1);
  CHECK(simulator.now() == 5ns);
}

TEST_CASE("cancelling frees the capture at once, not when its time comes") {
  Simulator simulator;
  auto shared = std::make_shared<int>(1);
  const EventId id = simulator.schedule(1s, [shared] {});
  CHECK(shared.use_count() == 2);
  simulator.cancel(id);
  CHECK(shared.use_count() == 1);
}

TEST_CASE("a capture whose destructor schedules is safe to cancel and to run") {
  // The destructor runs outside the queue's bookkeeping, so it may use the simulator.
  struct SchedulesOnDestruction {
    Simulator* simulator;
    int* fired;
    SchedulesOnDestruction(Simulator* s, int* f) : simulator(s), fired(f) {}
    SchedulesOnDestruction(SchedulesOnDestruction&& other) noexcept
        : simulator(std::exchange(other.simulator, nullptr)), fired(other.fired) {}
    ~SchedulesOnDestruction() {
      if (simulator != nullptr) simulator->schedule(1ns, [f = fired] { ++*f; });
    }
    void operator()() const {}
  };
  Simulator simulator;
  int fired = 0;
  const EventId id = simulator.schedule(5ns, SchedulesOnDestruction(&simulator, &fired));
  simulator.schedule(5ns, SchedulesOnDestruction(&simulator, &fired));
  CHECK(simulator.cancel(id));  // schedules one at 1 ns
  simulator.run();              // runs it, then the second at 5 ns, which schedules one at 6 ns
  CHECK(fired == 2);
  CHECK(simulator.now() == 6ns);
}

TEST_CASE("mass cancellation (timers mostly cancelled) keeps the survivors in order") {
  // Enough cancelled entries that the queue sweeps them out before their time.
  Simulator simulator;
  Rng rng(7);
  std::vector<EventId> ids;
  std::vector<bool> cancelled(20000, false);
  std::vector<int> ran;
  for (int i = 0; i < 20000; ++i) {
    const Nanoseconds time = rng.uniform_duration(0ns, 999ns);
    ids.push_back(simulator.schedule_at(time, [&ran, i] { ran.push_back(i); }));
  }
  std::vector<std::pair<Nanoseconds, int>> expected;
  Rng pick(8);
  for (int i = 0; i < 20000; ++i) {
    if (pick.bernoulli(0.9)) {
      CHECK(simulator.cancel(ids[i]));
      cancelled[i] = true;
    }
  }
  // The survivors, in time order then scheduling order, rebuilt from the same seed.
  Rng again(7);
  for (int i = 0; i < 20000; ++i) {
    const Nanoseconds time = again.uniform_duration(0ns, 999ns);
    if (!cancelled[i]) expected.emplace_back(time, i);
  }
  std::stable_sort(expected.begin(), expected.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  CHECK(simulator.pending() == expected.size());
  for (int i = 0; i < 20000; ++i) CHECK(simulator.is_pending(ids[i]) == !cancelled[i]);
  simulator.run();
  std::vector<int> expected_labels;
  for (const auto& [time, label] : expected) expected_labels.push_back(label);
  CHECK(ran == expected_labels);
  CHECK(simulator.events_run() == expected.size());
}

TEST_CASE("destroying a simulator with pending events frees every capture") {
  auto shared = std::make_shared<int>(1);
  {
    Simulator simulator;
    for (int i = 0; i < 100; ++i) simulator.schedule(Nanoseconds{i}, [shared] {});
    std::array<char, 200> big{};
    simulator.schedule(1s, [shared, big] {
      static_cast<void>(big[0]);
    });  // on the heap: the sanitizer sees a leak
    simulator.cancel(simulator.schedule(2s, [shared, big] { static_cast<void>(big[0]); }));
    simulator.run_until(50ns);
    CHECK(shared.use_count() == 1 + 49 + 1);  // 51..99 ns and the big one at 1 s
  }
  CHECK(shared.use_count() == 1);
}
