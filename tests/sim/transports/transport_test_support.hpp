#pragma once
// Small scenarios and helpers for the transport tests.

#include <chrono>

#include "sim/scenario/scenario.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/trace/trace_sink.hpp"
#include "sim/transports/simulate.hpp"

namespace pushlab::sim::testing {

using namespace std::chrono_literals;

// One client, one transport, 50 ms one way, no loss, no proxy, nothing scheduled yet.
inline Scenario basic_scenario(Transport transport, Nanoseconds duration = 60s) {
  Scenario scenario;
  scenario.name = "test";
  scenario.duration = duration;
  scenario.seed = 7;
  scenario.lanes = {transport};
  scenario.network.latency = 50ms;
  return scenario;
}

inline void add_at(Scenario& scenario, Direction direction, std::vector<Nanoseconds> times,
                   std::size_t payload_bytes = 20) {
  scenario.traffic.push_back({direction, At{std::move(times)}, payload_bytes, Audience::one, 0});
}

inline void add_periodic(Scenario& scenario, Direction direction, Nanoseconds interval,
                         Nanoseconds start, std::size_t payload_bytes = 20) {
  scenario.traffic.push_back(
      {direction, Periodic{interval, start}, payload_bytes, Audience::one, 0});
}

inline Lane run_one_lane(const Scenario& scenario) {
  TraceRecorder recorder(scenario.lanes.front());
  run_lane(scenario, scenario.lanes.front().transport, recorder);
  return std::move(recorder).finish();
}

inline double ms(Nanoseconds duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

// Frames of a layer and kind, in send order.
inline std::vector<const WireFrame*> frames_of(const Lane& lane, Layer layer,
                                               std::string_view kind) {
  std::vector<const WireFrame*> found;
  for (const WireFrame& frame : lane.frames) {
    if (frame.layer == layer && frame.kind == kind) found.push_back(&frame);
  }
  return found;
}

}  // namespace pushlab::sim::testing
