// The clock, run, run_until and stop, and the programming errors the simulator refuses.

#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <vector>

#include "sim/engine/simulator.hpp"
#include "tests/sim/engine/allocation_counter.hpp"

using namespace pushlab::sim;
using namespace std::chrono_literals;

namespace {

// A model that repeats forever: one poll a second.
struct Poller {
  Simulator& simulator;
  std::vector<Nanoseconds> polls;

  void poll() {
    polls.push_back(simulator.now());
    simulator.schedule(1s, [this] { poll(); });
  }
};

}  // namespace

TEST_CASE("the clock starts at 0 and reads each event's time inside its callback") {
  Simulator simulator;
  CHECK(simulator.now() == 0ns);
  std::vector<Nanoseconds> seen;
  simulator.schedule(3ms, [&] {
    seen.push_back(simulator.now());
    simulator.schedule(2ms, [&] { seen.push_back(simulator.now()); });
  });
  simulator.run();
  CHECK(seen == std::vector<Nanoseconds>{3ms, 5ms});
  CHECK(simulator.now() == 5ms);  // run leaves the clock at the last event
  CHECK(simulator.events_run() == 2);
}

TEST_CASE("run_until runs events at or before the end, then sets the clock to the end") {
  Simulator simulator;
  std::vector<Nanoseconds> ran;
  for (const Nanoseconds time : {10ns, 20ns, 30ns}) {
    simulator.schedule_at(time, [&] { ran.push_back(simulator.now()); });
  }
  simulator.run_until(19ns);
  CHECK(ran == std::vector<Nanoseconds>{10ns});
  CHECK(simulator.now() == 19ns);
  simulator.run_until(20ns);  // inclusive
  CHECK(ran == std::vector<Nanoseconds>{10ns, 20ns});
  CHECK(simulator.now() == 20ns);
  simulator.run_until(20ns);  // nothing left at 20: nothing happens
  CHECK(ran.size() == 2);
  CHECK(simulator.pending() == 1);
  simulator.run_until(25ns);
  CHECK(simulator.now() == 25ns);
  CHECK(ran.size() == 2);
  simulator.run();
  CHECK(ran == std::vector<Nanoseconds>{10ns, 20ns, 30ns});
  CHECK(simulator.now() == 30ns);
}

TEST_CASE("run_until with nothing pending still moves the clock to the end") {
  Simulator simulator;
  simulator.run_until(1s);
  CHECK(simulator.now() == 1s);
  CHECK(simulator.events_run() == 0);
}

TEST_CASE("run_until runs events scheduled during the run up to the end, not past it") {
  Simulator simulator;
  std::vector<Nanoseconds> ran;
  simulator.schedule(10ns, [&] {
    simulator.schedule(5ns, [&] { ran.push_back(simulator.now()); });   // 15: runs
    simulator.schedule(10ns, [&] { ran.push_back(simulator.now()); });  // 20: runs
    simulator.schedule(11ns, [&] { ran.push_back(simulator.now()); });  // 21: waits
  });
  simulator.run_until(20ns);
  CHECK(ran == std::vector<Nanoseconds>{15ns, 20ns});
  CHECK(simulator.pending() == 1);
}

TEST_CASE("after run_until, an event scheduled before the next pending one runs first") {
  // run_until looked at the event at 1 ms without taking it: the queue must still accept 21 ns.
  Simulator simulator;
  std::vector<Nanoseconds> ran;
  simulator.schedule(1ms, [&] { ran.push_back(simulator.now()); });
  simulator.schedule(3ns, [&] { ran.push_back(simulator.now()); });
  simulator.run_until(20ns);
  simulator.schedule(1ns, [&] { ran.push_back(simulator.now()); });
  simulator.schedule_at(20ns, [&] { ran.push_back(simulator.now()); });
  simulator.run();
  CHECK(ran == std::vector<Nanoseconds>{3ns, 20ns, 21ns, 1ms});
}

TEST_CASE("a model that repeats forever stops at the end of run_until") {
  Simulator simulator;
  Poller poller{simulator, {}};
  simulator.schedule(0s, [&] { poller.poll(); });
  simulator.run_until(10s);
  CHECK(poller.polls.size() == 11);  // 0 s, 1 s, ..., 10 s
  CHECK(poller.polls.back() == 10s);
  CHECK(simulator.now() == 10s);
  CHECK(simulator.pending() == 1);  // the poll at 11 s
  simulator.run_until(12500ms);
  CHECK(poller.polls.size() == 13);
}

TEST_CASE("stop from a callback ends run after that callback, and run carries on later") {
  Simulator simulator;
  std::vector<int> ran;
  simulator.schedule(10ns, [&] {
    ran.push_back(1);
    simulator.stop();
  });
  simulator.schedule(10ns, [&] { ran.push_back(2); });
  simulator.schedule(20ns, [&] { ran.push_back(3); });
  simulator.run();
  CHECK(ran == std::vector<int>{1});
  CHECK(simulator.now() == 10ns);
  CHECK(simulator.events_run() == 1);
  CHECK(simulator.pending() == 2);
  simulator.run();
  CHECK(ran == std::vector<int>{1, 2, 3});
}

TEST_CASE("stop inside run_until leaves the clock at the stopping event, not the end") {
  Simulator simulator;
  simulator.schedule(10ns, [&] { simulator.stop(); });
  simulator.schedule(15ns, [] {});
  simulator.run_until(100ns);
  CHECK(simulator.now() == 10ns);
  CHECK(simulator.pending() == 1);
}

TEST_CASE("stop outside a run does not stop the next run") {
  Simulator simulator;
  int runs = 0;
  simulator.schedule(1ns, [&] { ++runs; });
  simulator.schedule(2ns, [&] { ++runs; });
  simulator.stop();
  simulator.run();
  CHECK(runs == 2);
}

TEST_CASE("programming errors throw and change nothing") {
  Simulator simulator;
  simulator.run_until(100ns);
  CHECK_THROWS_AS(simulator.schedule(-1ns, [] {}), std::invalid_argument);
  CHECK_THROWS_AS(simulator.schedule_at(99ns, [] {}), std::invalid_argument);
  CHECK_THROWS_AS(simulator.schedule(Nanoseconds::max() - 99ns, [] {}), std::invalid_argument);
  CHECK_THROWS_AS(simulator.schedule(1ns, Callback{}), std::invalid_argument);
  void (*no_function)() = nullptr;
  CHECK_THROWS_AS(simulator.schedule(1ns, no_function), std::invalid_argument);
  CHECK_THROWS_AS(simulator.schedule_at(200ns, no_function), std::invalid_argument);
  CHECK_THROWS_AS(simulator.run_until(99ns), std::invalid_argument);
  CHECK(simulator.pending() == 0);
  CHECK(simulator.now() == 100ns);

  // The last representable time is fine, and so is "now".
  CHECK(simulator.is_pending(simulator.schedule(Nanoseconds::max() - 100ns, [] {})));
  CHECK(simulator.is_pending(simulator.schedule_at(100ns, [] {})));
  simulator.run();
  CHECK(simulator.now() == Nanoseconds::max());
}

TEST_CASE("running from inside a callback is refused, and the simulator stays usable") {
  Simulator simulator;
  simulator.schedule(1ns, [&] { simulator.run(); });
  CHECK_THROWS_AS(simulator.run(), std::logic_error);
  int runs = 0;
  simulator.schedule(1ns, [&] { ++runs; });
  simulator.run();
  CHECK(runs == 1);
}

TEST_CASE("an exception from a callback leaves through run, the other events stay pending") {
  Simulator simulator;
  std::vector<int> ran;
  simulator.schedule(1ns, [&] { ran.push_back(1); });
  simulator.schedule(2ns, [] { throw std::runtime_error("model failed"); });
  simulator.schedule(3ns, [&] { ran.push_back(3); });
  CHECK_THROWS_AS(simulator.run(), std::runtime_error);
  CHECK(simulator.now() == 2ns);
  CHECK(simulator.events_run() == 2);
  CHECK(simulator.pending() == 1);
  simulator.run();
  CHECK(ran == std::vector<int>{1, 3});
}

TEST_CASE("in steady state, scheduling a small capture does not allocate") {
  Simulator simulator;
  std::uint64_t count = 0;
  struct Ticker {
    Simulator& simulator;
    std::uint64_t& count;
    void tick() {
      ++count;
      simulator.schedule(1ns, [this] { tick(); });
    }
  } ticker{simulator, count};
  simulator.schedule(0ns, [&] { ticker.tick(); });
  // The wheel's buckets get their memory the first time they are used: a tick every nanosecond
  // has used every bucket it needs up to 128 us once it has gone round 65,536 ns.
  simulator.run_until(70000ns);
  const std::uint64_t before = pushlab::sim::testing::allocations();
  simulator.run_until(130000ns);
  CHECK(pushlab::sim::testing::allocations() == before);
  CHECK(count == 130001);
}
