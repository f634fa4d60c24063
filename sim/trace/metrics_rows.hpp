#pragma once
// A lane's figures as the rows of a side-by-side table, each a label and how to print its
// value: what `pushlab-cli run` prints and the window's metrics table shows, in the same words.

#include <functional>
#include <string>
#include <vector>

#include "sim/trace/metrics.hpp"

namespace pushlab::sim {

struct MetricsRow {
  std::string label;  // "latency p95 (ms)"
  std::function<std::string(const LaneMetrics&)> value;
};

const std::vector<MetricsRow>& metrics_rows();

// What every table of these rows should say under it.
inline constexpr const char* kMetricsFootnote =
    "Bytes count what crossed the client's link. Application bytes are exact (headers, bodies, "
    "frame headers, event framing); TCP/IP/TLS bytes are modelled.";

}  // namespace pushlab::sim
