#pragma once
// A run's figures, lanes side by side: as a table for a person, as JSON for a script.

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"
#include "sim/trace/metrics.hpp"

namespace pushlab::cli {

void print_metrics_table(std::ostream& out, const sim::Scenario& scenario,
                         const std::vector<sim::LaneMetrics>& lanes);

// {"scenario": name, "runs": [{"transport", "source", "delivered", "lost", "latency_ms": {...},
//  "bytes": {...}, "overhead_bytes_per_message", "http_requests", "connections_opened",
//  "empty_responses", "peak_server_connections"}]}
nlohmann::ordered_json metrics_json(const std::string& scenario_name,
                                    const std::vector<sim::LaneMetrics>& lanes,
                                    const std::string& source);

// Milliseconds, as the tables and JSON give latency.
double milliseconds(sim::Nanoseconds duration);

}  // namespace pushlab::cli
