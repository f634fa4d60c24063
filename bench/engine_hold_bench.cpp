// The hold model of ns-3's utils/bench-scheduler: a constant population of N pending events;
// each event, when it runs, schedules one more after an exponential delay (mean 100 ns, truncated
// to whole nanoseconds, so many events share a time and run first in, first out). It goes
// through Simulator::schedule, as models do, and draws each delay from Rng when it is needed,
// as ns-3's does.
//
// hold_drawn_delays is the measurement; hold_tabled_delays takes the same kind of delays from a
// table drawn beforehand, to show what the queue costs without the random number generator, and
// exponential_draw what one draw costs alone.
//
//   engine_hold_bench --benchmark_repetitions=3

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <vector>

#include "bench/hold_model.hpp"
#include "sim/engine/nanoseconds.hpp"
#include "sim/engine/rng.hpp"
#include "sim/engine/simulator.hpp"

namespace {

using namespace std::chrono_literals;
using pushlab::sim::Nanoseconds;
using pushlab::sim::Rng;
using pushlab::sim::Simulator;
using namespace pushlab::bench;

constexpr Nanoseconds mean_delay = 100ns;

struct DrawnDelays {
  Rng rng{1};
  Nanoseconds next() { return rng.exponential_duration(mean_delay); }
};

struct TabledDelays {
  std::vector<Nanoseconds> table = [] {
    Rng rng(1);
    std::vector<Nanoseconds> delays(1 << 16);
    for (Nanoseconds& delay : delays) delay = rng.exponential_duration(mean_delay);
    return delays;
  }();
  std::size_t next_index = 0;
  Nanoseconds next() { return table[next_index++ & (table.size() - 1)]; }
};

template <typename Delays>
class HoldModel {
 public:
  explicit HoldModel(Simulator& simulator) : simulator_(simulator) {}

  void fill(std::int64_t population) {
    for (std::int64_t i = 0; i < population; ++i) schedule_next();
  }

  // Runs exactly `count` events; the population stays the same.
  void run_events(std::int64_t count) {
    remaining_ = count;
    simulator_.run();
  }

 private:
  void schedule_next() {
    simulator_.schedule(delays_.next(), [this] { hold(); });
  }

  void hold() {
    schedule_next();
    if (--remaining_ == 0) simulator_.stop();
  }

  Simulator& simulator_;
  Delays delays_;
  std::int64_t remaining_ = 0;
};

template <typename Delays>
void hold(benchmark::State& state) {
  const std::int64_t population = state.range(0);
  Simulator simulator;
  HoldModel<Delays> model(simulator);
  model.fill(population);
  model.run_events(hold_warm_up_events(population));
  for (auto _ : state) model.run_events(hold_events_per_measurement);
  state.counters["pending"] = static_cast<double>(simulator.pending());
  count_hold_events(state);
}

void hold_drawn_delays(benchmark::State& state) {
  hold<DrawnDelays>(state);
}
void hold_tabled_delays(benchmark::State& state) {
  hold<TabledDelays>(state);
}

BENCHMARK(hold_drawn_delays)->Apply(at_ns3_populations);
BENCHMARK(hold_tabled_delays)->Apply(at_ns3_populations);

// What drawing one delay costs alone: the difference between the two hold benchmarks is this,
// less whatever the core overlaps with the queue's work.
void exponential_draw(benchmark::State& state) {
  Rng rng(1);
  std::int64_t sum = 0;
  for (auto _ : state) sum += rng.exponential_duration(mean_delay).count();
  benchmark::DoNotOptimize(sum);
}
BENCHMARK(exponential_draw);

}  // namespace

BENCHMARK_MAIN();
