#include "viz/model/plot_series.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "sim/trace/metrics.hpp"

namespace pushlab::viz {

void StepSeries::step(Nanoseconds time, double value) {
  if (!times_.empty() && times_.back() == time) {
    values_.back() = value;  // several changes at one time: the last one holds
  } else {
    times_.push_back(time);
    values_.push_back(value);
  }
  max_ = std::max(max_, value);
}

double StepSeries::at(Nanoseconds time) const {
  const auto after = std::upper_bound(times_.begin(), times_.end(), time);
  if (after == times_.begin()) return 0;
  return values_[static_cast<std::size_t>(after - times_.begin()) - 1];
}

namespace {

void add_byte_series(const sim::Lane& lane, LaneSeries& series) {
  sim::MetricsAccumulator counter(sim::LaneSpec(lane.id, lane.transport));
  for (const sim::Endpoint& endpoint : lane.endpoints) counter.add_endpoint(endpoint);
  for (const sim::WireFrame& frame : lane.frames) {  // in send order
    counter.count_frame(frame);
    const sim::ByteCounts& bytes = counter.counts_so_far().bytes;
    series.app_bytes.step(frame.sent_at, static_cast<double>(bytes.app));
    series.setup_bytes.step(frame.sent_at, static_cast<double>(bytes.setup));
  }
}

void add_delivery_series(const sim::Lane& lane, LaneSeries& series) {
  std::vector<const sim::Message*> delivered;
  for (const sim::Message& message : lane.messages) {
    if (message.delivered_at) delivered.push_back(&message);
  }
  std::stable_sort(delivered.begin(), delivered.end(), [](const auto* a, const auto* b) {
    return *a->delivered_at < *b->delivered_at;
  });
  double payload = 0;
  double count = 0;
  for (const sim::Message* message : delivered) {
    const Nanoseconds at = *message->delivered_at;
    payload += static_cast<double>(message->payload_bytes);
    series.payload_bytes.step(at, payload);
    series.delivered.step(at, ++count);
    series.latency.push_back(
        {at, std::chrono::duration<double, std::milli>(at - message->created_at).count()});
    series.latency_max_ms = std::max(series.latency_max_ms, series.latency.back().latency_ms);
  }
}

void add_connection_series(const sim::Lane& lane, LaneSeries& series) {
  std::vector<std::pair<Nanoseconds, int>> changes;
  for (const sim::Connection& connection : lane.connections) {
    if (lane.endpoints[connection.to].role != sim::EndpointRole::server) continue;
    changes.emplace_back(connection.opened_at, +1);
    if (connection.closed_at) changes.emplace_back(*connection.closed_at, -1);
  }
  std::sort(changes.begin(), changes.end());
  double open = 0;
  for (const auto& [time, change] : changes) series.server_connections.step(time, open += change);
}

// (app - setup - payload) / delivered, at every time one of them changes. Worked out once
// here rather than for every point of every frame a plot draws.
void add_overhead_series(LaneSeries& series) {
  std::vector<Nanoseconds> times;
  for (const StepSeries* changes : {&series.app_bytes, &series.delivered}) {
    times.insert(times.end(), changes->times().begin(), changes->times().end());
  }
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  for (const Nanoseconds time : times) {
    const double messages = series.delivered.at(time);
    const double beyond_payload =
        series.app_bytes.at(time) - series.setup_bytes.at(time) - series.payload_bytes.at(time);
    series.overhead_per_message.step(time, messages == 0 ? 0 : beyond_payload / messages);
  }
}

}  // namespace

LaneSeries lane_series(const sim::Lane& lane) {
  LaneSeries series;
  add_byte_series(lane, series);
  add_delivery_series(lane, series);
  add_connection_series(lane, series);
  add_overhead_series(series);
  return series;
}

}  // namespace pushlab::viz
