#pragma once
// Two runs of one scenario side by side, usually simulated against live: for every lane both
// runs have (matched by transport) and every row of metrics_rows(), both values and how far the
// live one is from the simulated one.

#include <optional>
#include <string>
#include <vector>

#include "sim/trace/metrics.hpp"

namespace pushlab::sim {

struct MetricsComparisonCell {
  double sim = 0;
  double live = 0;
  double difference = 0;          // live - sim
  std::optional<double> percent;  // difference / sim * 100; nullopt when sim is 0

  friend bool operator==(const MetricsComparisonCell&, const MetricsComparisonCell&) = default;
};

struct LaneComparison {
  Transport transport = Transport::websocket;
  LaneMetrics sim;  // kept whole, so a table can print both with MetricsRow::value
  LaneMetrics live;
  std::vector<MetricsComparisonCell> cells;  // one per metrics_rows(), in its order
};

struct MetricsComparison {
  std::vector<LaneComparison> lanes;   // in the simulated run's order
  std::vector<Transport> only_in_sim;  // lanes the other run lacks: compared with nothing
  std::vector<Transport> only_in_live;
};

MetricsComparisonCell compare_values(double sim, double live);

MetricsComparison compare_metrics(const std::vector<LaneMetrics>& sim,
                                  const std::vector<LaneMetrics>& live);

// "+3.2 (+6%)", "-4 (-50%)", "0 (0%)"; without the percent when there is none ("+7").
// `decimals` as the row prints its values (MetricsRow::decimals); a percent under 1 keeps one
// decimal.
std::string format_difference(const MetricsComparisonCell& cell, int decimals);

}  // namespace pushlab::sim
