// How long a whole scenario takes to simulate: what the GUI pays each time a slider moves (one
// client, every frame kept) and what `pushlab-cli run` pays (figures only).

#include <benchmark/benchmark.h>

#include "sim/scenario/load.hpp"
#include "sim/transports/simulate.hpp"

namespace {

using namespace pushlab::sim;

const Scenario& chat() {
  static const Scenario scenario = load_scenario_file(PUSHLAB_SCENARIOS_DIR "/chat.json");
  return scenario;
}

// The default scenario, all four lanes, every frame's bytes kept: the GUI's re-simulation.
void chat_trace(benchmark::State& state) {
  std::size_t frames = 0;
  for (auto _ : state) {
    const Trace trace = simulate(chat());
    frames = 0;
    for (const Lane& lane : trace.lanes) frames += lane.frames.size();
    benchmark::DoNotOptimize(frames);
  }
  state.counters["frames"] = static_cast<double>(frames);
}
BENCHMARK(chat_trace)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same with only the figures kept.
void chat_metrics(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(simulate_metrics(chat()));
}
BENCHMARK(chat_metrics)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
