// Timers that are mostly cancelled, as TCP's retransmission timers are: N connections each
// receive ACKs (an exponential gap, mean 100 ns per connection, like the hold model), and each
// ACK cancels the connection's retransmission timer and arms a new one 200 us later, so timers
// almost never fire. Every ACK is one event run, one cancel and two schedules.
//
//   engine_churn_bench --benchmark_repetitions=3

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

#include "sim/engine/rng.hpp"
#include "sim/engine/simulator.hpp"

namespace {

using namespace std::chrono_literals;
using pushlab::sim::EventId;
using pushlab::sim::Rng;
using pushlab::sim::Simulator;

constexpr std::int64_t acks_per_measurement = 10'000'000;

class Connections {
 public:
  Connections(Simulator& simulator, std::int64_t count, std::uint64_t seed)
      : simulator_(simulator), rng_(seed), timers_(static_cast<std::size_t>(count)) {
    for (std::size_t connection = 0; connection < timers_.size(); ++connection) {
      arm_timer(connection);
      schedule_ack(connection);
    }
  }

  std::uint64_t timeouts() const { return timeouts_; }

  void run_acks(std::int64_t count) {
    remaining_ = count;
    simulator_.run();
  }

 private:
  void schedule_ack(std::size_t connection) {
    simulator_.schedule(rng_.exponential_duration(100ns), [this, connection] { ack(connection); });
  }

  void arm_timer(std::size_t connection) {
    timers_[connection] = simulator_.schedule(200us, [this, connection] {
      ++timeouts_;
      arm_timer(connection);
    });
  }

  void ack(std::size_t connection) {
    simulator_.cancel(timers_[connection]);
    arm_timer(connection);
    schedule_ack(connection);
    if (--remaining_ == 0) simulator_.stop();
  }

  Simulator& simulator_;
  Rng rng_;
  std::vector<EventId> timers_;
  std::int64_t remaining_ = 0;
  std::uint64_t timeouts_ = 0;
};

void timer_churn(benchmark::State& state) {
  const std::int64_t connections = state.range(0);
  Simulator simulator;
  Connections model(simulator, connections, 1);
  model.run_acks(std::max<std::int64_t>(2 * connections, 1'000'000));  // warm-up

  for (auto _ : state) model.run_acks(acks_per_measurement);

  state.counters["timeouts"] = static_cast<double>(model.timeouts());
  state.counters["acks_per_second"] = benchmark::Counter(
      static_cast<double>(acks_per_measurement * state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK(timer_churn)
    ->ArgName("connections")
    ->Arg(1'000)
    ->Arg(100'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
