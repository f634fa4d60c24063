// Time order, and first in, first out among events due at the same time: what makes a run
// deterministic.

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <numeric>
#include <vector>

#include "sim/engine/rng.hpp"
#include "sim/engine/simulator.hpp"

using namespace pushlab::sim;
using namespace std::chrono_literals;

TEST_CASE("events run in time order, whatever order they were scheduled in") {
  Simulator simulator;
  std::vector<Nanoseconds> ran;
  for (const Nanoseconds delay : {50ns, 10ns, 40ns, 20ns, 30ns, 0ns}) {
    simulator.schedule(delay, [&] { ran.push_back(simulator.now()); });
  }
  simulator.run();
  CHECK(ran == std::vector<Nanoseconds>{0ns, 10ns, 20ns, 30ns, 40ns, 50ns});
}

TEST_CASE("times far apart, up to the end of the clock, keep their order") {
  Simulator simulator;
  const std::vector<Nanoseconds> times = {Nanoseconds::max(),
                                          Nanoseconds{1ll << 62},
                                          Nanoseconds{(1ll << 40) + 1},
                                          Nanoseconds{1ll << 40},
                                          3ns,
                                          1ns,
                                          2ns,
                                          0ns};
  std::vector<Nanoseconds> ran;
  for (const Nanoseconds time : times) {
    simulator.schedule_at(time, [&] { ran.push_back(simulator.now()); });
  }
  simulator.run();
  std::vector<Nanoseconds> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  CHECK(ran == sorted);
}

TEST_CASE("a thousand events at the same time run in the order they were scheduled") {
  Simulator simulator;
  std::vector<int> ran;
  for (int i = 0; i < 1000; ++i) simulator.schedule(7ns, [&ran, i] { ran.push_back(i); });
  simulator.run();
  std::vector<int> expected(1000);
  std::iota(expected.begin(), expected.end(), 0);
  CHECK(ran == expected);
}

TEST_CASE("ties at many times, scheduled shuffled, run as a stable sort by time") {
  Simulator simulator;
  Rng rng(2024);
  struct Scheduled {
    Nanoseconds time;
    int label;
  };
  std::vector<Scheduled> scheduled;
  std::vector<int> ran;
  for (int label = 0; label < 10000; ++label) {
    const Nanoseconds time = rng.uniform_duration(0ns, 9ns);  // about a thousand per time
    scheduled.push_back({time, label});
    simulator.schedule_at(time, [&ran, label] { ran.push_back(label); });
  }
  simulator.run();
  std::stable_sort(scheduled.begin(), scheduled.end(),
                   [](const Scheduled& a, const Scheduled& b) { return a.time < b.time; });
  std::vector<int> expected;
  for (const Scheduled& s : scheduled) expected.push_back(s.label);
  CHECK(ran == expected);
}

TEST_CASE("a zero delay from a callback runs after the events already due at that time") {
  Simulator simulator;
  std::vector<char> ran;
  simulator.schedule(10ns, [&] {
    ran.push_back('A');
    simulator.schedule(0ns, [&] {
      ran.push_back('C');
      simulator.schedule(0ns, [&] { ran.push_back('E'); });
    });
    simulator.schedule(0ns, [&] { ran.push_back('D'); });
  });
  simulator.schedule(10ns, [&] { ran.push_back('B'); });
  simulator.schedule(11ns, [&] { ran.push_back('F'); });
  simulator.run();
  CHECK(ran == std::vector<char>{'A', 'B', 'C', 'D', 'E', 'F'});
}

TEST_CASE("a future event scheduled from a callback runs after earlier ones at its time") {
  Simulator simulator;
  std::vector<char> ran;
  simulator.schedule(20ns, [&] { ran.push_back('A'); });
  simulator.schedule(5ns, [&] {
    simulator.schedule_at(20ns, [&] { ran.push_back('C'); });
    simulator.schedule(15ns, [&] { ran.push_back('D'); });
  });
  simulator.schedule(20ns, [&] { ran.push_back('B'); });
  simulator.run();
  CHECK(ran == std::vector<char>{'A', 'B', 'C', 'D'});
}

TEST_CASE("cancelling some events among ties leaves the others in order") {
  Simulator simulator;
  std::vector<int> ran;
  std::vector<EventId> ids;
  for (int i = 0; i < 300; ++i)
    ids.push_back(simulator.schedule(3ns, [&ran, i] { ran.push_back(i); }));
  for (int i = 0; i < 300; i += 3) CHECK(simulator.cancel(ids[i]));
  // Scheduled after the cancellations, possibly into the slots they freed: still last.
  for (int i = 300; i < 310; ++i) simulator.schedule(3ns, [&ran, i] { ran.push_back(i); });
  simulator.run();
  std::vector<int> expected;
  for (int i = 0; i < 310; ++i) {
    if (i >= 300 || i % 3 != 0) expected.push_back(i);
  }
  CHECK(ran == expected);
}

TEST_CASE("a callback cancelling a later tie, and scheduling another, keeps FIFO") {
  Simulator simulator;
  std::vector<int> ran;
  EventId doomed;
  simulator.schedule(1ns, [&] {
    ran.push_back(0);
    CHECK(simulator.cancel(doomed));
    simulator.schedule(0ns, [&] { ran.push_back(3); });
  });
  doomed = simulator.schedule(1ns, [&] { ran.push_back(1); });
  simulator.schedule(1ns, [&] { ran.push_back(2); });
  simulator.run();
  CHECK(ran == std::vector<int>{0, 2, 3});
}
