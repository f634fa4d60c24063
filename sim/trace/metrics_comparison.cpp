#include "sim/trace/metrics_comparison.hpp"

#include <algorithm>
#include <cmath>

#include "sim/trace/metrics_rows.hpp"

namespace pushlab::sim {

namespace {

// With an explicit sign, except for what rounds to zero: "0.0", never "+0.0" or "-0.0".
std::string signed_fixed(double value, int decimals) {
  const std::string magnitude = format_number(std::abs(value), decimals);
  if (magnitude == format_number(0, decimals)) return magnitude;
  return (value < 0 ? "-" : "+") + magnitude;
}

// "+6%"; a change under 1% keeps a decimal ("+0.4%"), so it does not read as none.
std::string percent_text(double percent) {
  const int decimals = std::abs(percent) < 1 ? 1 : 0;
  const std::string text = signed_fixed(percent, decimals);
  return (text == format_number(0, decimals) ? "0" : text) + "%";
}

const LaneMetrics* find_lane(const std::vector<LaneMetrics>& lanes, Transport transport) {
  const auto found = std::find_if(lanes.begin(), lanes.end(), [transport](const LaneMetrics& m) {
    return m.transport == transport;
  });
  return found == lanes.end() ? nullptr : &*found;
}

LaneComparison compare_lane(const LaneMetrics& sim, const LaneMetrics& live) {
  LaneComparison lane{.transport = sim.transport, .sim = sim, .live = live, .cells = {}};
  for (const MetricsRow& row : metrics_rows()) {
    lane.cells.push_back(compare_values(row.number(sim), row.number(live)));
  }
  return lane;
}

}  // namespace

MetricsComparisonCell compare_values(double sim, double live) {
  const double difference = live - sim;
  std::optional<double> percent;
  if (sim != 0) percent = difference / std::abs(sim) * 100;
  return {.sim = sim, .live = live, .difference = difference, .percent = percent};
}

MetricsComparison compare_metrics(const std::vector<LaneMetrics>& sim,
                                  const std::vector<LaneMetrics>& live) {
  MetricsComparison comparison;
  for (const LaneMetrics& sim_lane : sim) {
    if (const LaneMetrics* live_lane = find_lane(live, sim_lane.transport)) {
      comparison.lanes.push_back(compare_lane(sim_lane, *live_lane));
    } else {
      comparison.only_in_sim.push_back(sim_lane.transport);
    }
  }
  for (const LaneMetrics& live_lane : live) {
    if (!find_lane(sim, live_lane.transport)) {
      comparison.only_in_live.push_back(live_lane.transport);
    }
  }
  return comparison;
}

std::string format_difference(const MetricsComparisonCell& cell, int decimals) {
  std::string text = signed_fixed(cell.difference, decimals);
  if (cell.percent) text += " (" + percent_text(*cell.percent) + ")";
  return text;
}

}  // namespace pushlab::sim
