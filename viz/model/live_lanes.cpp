#include "viz/model/live_lanes.hpp"

#include <algorithm>
#include <utility>

namespace pushlab::viz {

namespace {

bool has_transport(const sim::Trace& trace, sim::Transport transport) {
  return std::any_of(trace.lanes.begin(), trace.lanes.end(),
                     [transport](const sim::Lane& lane) { return lane.transport == transport; });
}

void add_lane(PairedLanes& paired, const sim::Lane& lane, LaneSource source) {
  paired.trace.lanes.push_back(lane);
  paired.sources.push_back(source);
}

}  // namespace

PairedLanes pair_lanes(const sim::Trace& simulated, const sim::Trace& live) {
  PairedLanes paired;
  paired.trace.scenario = simulated.scenario;
  paired.trace.source = simulated.source;
  paired.trace.duration = std::max(simulated.duration, live.duration);
  for (const sim::Lane& lane : simulated.lanes) {
    add_lane(paired, lane, LaneSource::simulated);
    const auto partner =
        std::find_if(live.lanes.begin(), live.lanes.end(),
                     [&lane](const sim::Lane& other) { return other.transport == lane.transport; });
    if (partner != live.lanes.end()) add_lane(paired, *partner, LaneSource::live);
  }
  for (const sim::Lane& lane : live.lanes) {
    if (!has_transport(simulated, lane.transport)) add_lane(paired, lane, LaneSource::live);
  }
  return paired;
}

Document with_live_lanes(const Document& simulated, const sim::Trace& live) {
  PairedLanes paired = pair_lanes(simulated.trace, live);
  Document document = describe_trace(simulated.scenario, std::move(paired.trace),
                                     std::move(paired.sources), simulated.file);
  std::vector<sim::LaneMetrics> live_metrics;
  for (std::size_t lane = 0; lane < document.metrics.size(); ++lane) {
    if (document.sources[lane] == LaneSource::live) live_metrics.push_back(document.metrics[lane]);
  }
  document.comparison = sim::compare_metrics(simulated.metrics, live_metrics);
  return document;
}

}  // namespace pushlab::viz
