#pragma once
// A run's figures, lanes side by side: as a table for a person, as JSON for a script.

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/trace/metrics_comparison.hpp"

namespace pushlab::cli {

void print_metrics_table(std::ostream& out, const sim::Scenario& scenario,
                         const std::vector<sim::LaneMetrics>& lanes);

// {"scenario": name, "runs": [{"transport", "source", "delivered", "lost", "latency_ms": {...},
//  "bytes": {...}, "overhead_bytes_per_message", "http_requests", "connections_opened",
//  "empty_responses", "peak_server_connections"}]}
nlohmann::ordered_json metrics_json(const std::string& scenario_name,
                                    const std::vector<sim::LaneMetrics>& lanes,
                                    const std::string& source);

// A lane's cluster figures (it has a cluster): {"servers": [{"name", "connections_max", ...}],
//  "broker": {...}, "lost", "duplicates", "reconnects", "reconnects_peak_100ms", "recovery_s",
//  "imbalance"}.
nlohmann::ordered_json cluster_json(const sim::LaneMetrics& lane);

// The simulated and live figures of each lane side by side, with the live run's difference.
void print_comparison_table(std::ostream& out, const sim::Scenario& scenario,
                            const sim::MetricsComparison& comparison);

// {"scenario", "runs": [sim lanes..., live lanes...], "differences": [{"transport", "<row>":
//  {"sim", "live", "difference", "percent"}}]}: the rows by their table labels.
nlohmann::ordered_json comparison_json(const std::string& scenario_name,
                                       const std::vector<sim::LaneMetrics>& simulated,
                                       const std::vector<sim::LaneMetrics>& live,
                                       const sim::MetricsComparison& comparison);

// Milliseconds, as the tables and JSON give latency.
double milliseconds(sim::Nanoseconds duration);

}  // namespace pushlab::cli
