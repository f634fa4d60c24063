// The simulator against the simplest correct model of it: a std::map keyed by (time, order of
// scheduling), over 100,000 random operations: schedule (many ties, zero delays, far futures),
// cancel (pending, run, cancelled ids), run_until, and events that schedule more events.

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "sim/engine/rng.hpp"
#include "sim/engine/simulator.hpp"

using namespace pushlab::sim;
using namespace std::chrono_literals;

namespace {

using Key = std::pair<Nanoseconds, std::uint64_t>;  // time, then the order of scheduling

// Every third event, when it runs, schedules a child: the same rule on both sides.
bool has_child(int label) {
  return label % 3 == 0;
}
Nanoseconds child_delay(int label) {
  return Nanoseconds{label % 5 == 0 ? 0 : label % 4};
}

class Reference {
 public:
  Key schedule(Nanoseconds time, int label) {
    const Key key{time, next_order_++};
    pending_.emplace(key, label);
    return key;
  }

  bool cancel(const Key& key) { return pending_.erase(key) == 1; }
  bool is_pending(const Key& key) const { return pending_.contains(key); }
  std::size_t pending() const { return pending_.size(); }
  Nanoseconds now() const { return now_; }

  // Runs what is due by `end`, appending labels to `log`; `next_label` names each child.
  void run_until(Nanoseconds end, std::vector<int>& log, int& next_label) {
    while (!pending_.empty() && pending_.begin()->first.first <= end) {
      const auto [key, label] = *pending_.begin();
      pending_.erase(pending_.begin());
      now_ = key.first;
      log.push_back(label);
      if (has_child(label)) schedule(now_ + child_delay(label), next_label++);
    }
    now_ = end;
  }

 private:
  std::map<Key, int> pending_;
  std::uint64_t next_order_ = 0;
  Nanoseconds now_{0};
};

struct Subject {
  Simulator simulator;
  std::vector<int> log;
  int next_label = 0;

  EventId schedule(Nanoseconds time, int label) {
    return simulator.schedule_at(time, [this, label] {
      log.push_back(label);
      if (has_child(label)) schedule(simulator.now() + child_delay(label), next_label++);
    });
  }
};

// Delays with many ties: often zero, mostly a few nanoseconds, now and then far away.
Nanoseconds random_delay(Rng& rng) {
  switch (rng.uniform_int(0, 9)) {
    case 0:
      return 0ns;
    case 1:
      return rng.uniform_duration(0ns, 1s);
    case 2:
      return rng.uniform_duration(0ns, Nanoseconds{1ll << 50});
    default:
      return rng.uniform_duration(0ns, 16ns);
  }
}

}  // namespace

TEST_CASE("100,000 random schedule, cancel and run_until operations match a reference model") {
  Rng rng(20240601);
  Subject subject;
  Reference reference;
  std::vector<int> reference_log;
  int reference_next_label = 0;
  std::vector<std::pair<EventId, Key>> issued;  // every id ever returned, with its key

  for (int operation = 0; operation < 100000; ++operation) {
    const std::int64_t choice = rng.uniform_int(0, 99);
    if (choice < 55) {
      const Nanoseconds time = subject.simulator.now() + random_delay(rng);
      const int label = subject.next_label++;
      reference_next_label++;
      issued.emplace_back(subject.schedule(time, label), reference.schedule(time, label));
    } else if (choice < 85 && !issued.empty()) {
      const auto& [id, key] = issued[static_cast<std::size_t>(
          rng.uniform_int(0, static_cast<std::int64_t>(issued.size()) - 1))];
      REQUIRE(subject.simulator.is_pending(id) == reference.is_pending(key));
      REQUIRE(subject.simulator.cancel(id) == reference.cancel(key));
    } else {
      const Nanoseconds end = subject.simulator.now() + rng.uniform_duration(0ns, 24ns);
      subject.simulator.run_until(end);
      reference.run_until(end, reference_log, reference_next_label);
      REQUIRE(subject.log.size() == reference_log.size());
      REQUIRE(subject.simulator.now() == reference.now());
    }
    REQUIRE(subject.simulator.pending() == reference.pending());
  }
  // Children scheduled from callbacks get labels on both sides in the same order.
  CHECK(subject.next_label == reference_next_label);

  subject.simulator.run_until(Nanoseconds{1ll << 52});
  reference.run_until(Nanoseconds{1ll << 52}, reference_log, reference_next_label);
  CHECK(subject.simulator.pending() == 0);
  CHECK(reference.pending() == 0);
  CHECK(subject.log == reference_log);
  CHECK(subject.simulator.events_run() == reference_log.size());
  CHECK(reference_log.size() > 40000);  // the run did real work
}
