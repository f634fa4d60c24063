// The hold model of engine_hold_bench, run on ns-3's own simulator, so that PushLab's engine
// and ns-3's schedulers are compared on the same machine, on the same day. The method is that
// of ns-3's utils/bench-scheduler: a constant population of N pending events, each scheduling
// one more after an exponential delay of mean 100 ns (ExponentialRandomVariable, one draw per
// event), truncated to whole nanoseconds by NanoSeconds().
//
// Built only where ns-3 is installed (Debian's libns3-dev; not a dependency of PushLab):
//
//   sudo apt-get install -y --no-install-recommends libns3-dev
//   cmake --preset default && cmake --build --preset default --target ns3_hold_bench
//   build/default/bench/ns3_hold_bench --benchmark_repetitions=3

#include <benchmark/benchmark.h>
#include <ns3/double.h>
#include <ns3/nstime.h>
#include <ns3/object-factory.h>
#include <ns3/random-variable-stream.h>
#include <ns3/simulator.h>

#include <cstdint>
#include <string>

#include "bench/hold_model.hpp"

namespace {

using namespace pushlab::bench;

class Ns3HoldModel {
 public:
  Ns3HoldModel() : delays_(ns3::CreateObject<ns3::ExponentialRandomVariable>()) {
    delays_->SetAttribute("Mean", ns3::DoubleValue(100));
  }

  void fill(std::int64_t population) {
    for (std::int64_t i = 0; i < population; ++i) schedule_next();
  }

  // Runs exactly `count` events; the population stays the same.
  void run_events(std::int64_t count) {
    remaining_ = count;
    ns3::Simulator::Run();
  }

 private:
  void schedule_next() {
    ns3::Simulator::Schedule(ns3::NanoSeconds(delays_->GetValue()), &Ns3HoldModel::hold, this);
  }

  void hold() {
    schedule_next();
    if (--remaining_ == 0) ns3::Simulator::Stop();
  }

  ns3::Ptr<ns3::ExponentialRandomVariable> delays_;
  std::int64_t remaining_ = 0;
};

void ns3_hold(benchmark::State& state, const std::string& scheduler) {
  const std::int64_t population = state.range(0);
  ns3::Simulator::SetScheduler(ns3::ObjectFactory(scheduler));
  {
    Ns3HoldModel model;
    model.fill(population);
    model.run_events(hold_warm_up_events(population));
    for (auto _ : state) model.run_events(hold_events_per_measurement);
    count_hold_events(state);
  }
  ns3::Simulator::Destroy();
}

BENCHMARK_CAPTURE(ns3_hold, heap, "ns3::HeapScheduler")->Apply(at_ns3_populations);
BENCHMARK_CAPTURE(ns3_hold, map, "ns3::MapScheduler")->Apply(at_ns3_populations);
// The calendar queue only at 10^3 pending: with delays this much shorter than its buckets it
// degrades (58,600 events/s at 10^5 here, 170 s for one measurement; 10^6 did not finish).
BENCHMARK_CAPTURE(ns3_hold, calendar, "ns3::CalendarScheduler")
    ->ArgName("pending")
    ->Arg(1'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(ns3_hold, priority_queue, "ns3::PriorityQueueScheduler")
    ->Apply(at_ns3_populations);

}  // namespace

BENCHMARK_MAIN();
