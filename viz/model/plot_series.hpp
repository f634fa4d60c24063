#pragma once
// A lane's figures over the run, for the plots under the diagrams: the latency of each
// delivered message, the bytes on the client's link against the payload they carried, the
// overhead per message so far, and the connections open at the server. Counted by the same
// rules as `pushlab-cli run` (MetricsAccumulator), so a plot's last value is the table's figure.

#include <vector>

#include "sim/trace/trace.hpp"

namespace pushlab::viz {

using sim::Nanoseconds;

// A value that changes at given times and holds in between.
class StepSeries {
 public:
  void step(Nanoseconds time, double value);  // times in increasing order
  double at(Nanoseconds time) const;          // 0 before the first step
  double max() const { return max_; }
  bool empty() const { return times_.empty(); }
  const std::vector<Nanoseconds>& times() const { return times_; }

 private:
  std::vector<Nanoseconds> times_;
  std::vector<double> values_;
  double max_ = 0;
};

struct LatencyPoint {
  Nanoseconds delivered_at{0};
  double latency_ms = 0;
};

struct LaneSeries {
  std::vector<LatencyPoint> latency;  // in delivery order
  double latency_max_ms = 0;
  StepSeries app_bytes;           // every application byte on the client's link, when sent
  StepSeries setup_bytes;         // the part of them spent on setup
  StepSeries payload_bytes;       // payload of the messages delivered so far
  StepSeries delivered;           // messages delivered so far
  StepSeries server_connections;  // open at the server
  // Bytes beyond the payload per message delivered so far, setup excluded; 0 before the first.
  StepSeries overhead_per_message;
};

LaneSeries lane_series(const sim::Lane& lane);

}  // namespace pushlab::viz
