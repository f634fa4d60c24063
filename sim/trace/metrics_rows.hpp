#pragma once
// A lane's figures as the rows of a side-by-side table, each a label, how to print its value and
// the value as a number: what `pushlab-cli run` prints and the window's metrics table shows, in
// the same words, and what a comparison of two runs subtracts.

#include <functional>
#include <string>
#include <vector>

#include "sim/trace/metrics.hpp"

namespace pushlab::sim {

struct MetricsRow {
  std::string label;                                     // "latency p95 (ms)"
  std::function<std::string(const LaneMetrics&)> value;  // "12.5", as the table prints it
  std::function<double(const LaneMetrics&)> number;      // 12.5, in the row's unit
  int decimals = 0;  // how many `value` prints, so a difference can be printed alike
};

const std::vector<MetricsRow>& metrics_rows();

// A number as the rows print it: `decimals` digits after the point ("12.5").
std::string format_number(double value, int decimals);

// What every table of these rows should say under it.
inline constexpr const char* kMetricsFootnote =
    "Bytes count what crossed the client's link. Application bytes are exact (headers, bodies, "
    "frame headers, event framing); TCP/IP/TLS bytes are modelled.";

}  // namespace pushlab::sim
