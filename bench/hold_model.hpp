#pragma once
// What the hold benchmarks share (engine_hold_bench on PushLab's engine, ns3_hold_bench on
// ns-3's): the populations of ns-3's published figures, the warm-up, and the measurement.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>

namespace pushlab::bench {

// Each measurement runs exactly this many events.
inline constexpr std::int64_t hold_events_per_measurement = 10'000'000;

// Events run before measuring: until event times are spread as in the steady state, and the
// queue has grown its buffers.
inline std::int64_t hold_warm_up_events(std::int64_t population) {
  return std::max<std::int64_t>(2 * population, 1'000'000);
}

// 10^3, 10^5 and 10^6 pending, one measurement each.
inline void at_ns3_populations(benchmark::internal::Benchmark* benchmark) {
  benchmark->ArgName("pending")->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Iterations(1)->Unit(
      benchmark::kMillisecond);
}

inline void count_hold_events(benchmark::State& state) {
  state.counters["events_per_second"] =
      benchmark::Counter(static_cast<double>(hold_events_per_measurement * state.iterations()),
                         benchmark::Counter::kIsRate);
}

}  // namespace pushlab::bench
