#include "sim/trace/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pushlab::sim {

namespace {

constexpr Nanoseconds kRecoveryResolution = std::chrono::milliseconds{1};

bool carries_application_bytes(const WireFrame& frame) {
  return frame.layer == Layer::http || frame.layer == Layer::websocket || frame.layer == Layer::sse;
}

// A whole response that could have carried a message and did not: the waste of polling. The
// upgrade's 101 is setup, not a poll; a "response-head" opens a stream whose later frames carry
// the messages (SSE), so neither counts.
bool is_empty_response(const WireFrame& frame) {
  return frame.layer == Layer::http && frame.kind == "response" && !frame.setup &&
         frame.messages.empty();
}

LatencySummary summarize(std::vector<Nanoseconds> latencies) {
  LatencySummary summary;
  if (latencies.empty()) return summary;
  std::sort(latencies.begin(), latencies.end());
  const Nanoseconds total = std::accumulate(latencies.begin(), latencies.end(), Nanoseconds{0});
  summary.mean = total / static_cast<std::int64_t>(latencies.size());
  summary.p50 = percentile(latencies, 50);
  summary.p95 = percentile(latencies, 95);
  summary.p99 = percentile(latencies, 99);
  summary.max = latencies.back();
  return summary;
}

// Sweeps opening and closing events in time order; a close at the same instant as an open
// counts first, so back-to-back connections do not look simultaneous.
std::uint64_t peak_open(std::vector<std::pair<Nanoseconds, int>> events) {
  std::sort(events.begin(), events.end());
  std::int64_t open = 0;
  std::int64_t peak = 0;
  for (const auto& [time, change] : events) {
    open += change;
    peak = std::max(peak, open);
  }
  return static_cast<std::uint64_t>(peak);
}

}  // namespace

ServerLoad server_load(const LaneMetrics& metrics, Nanoseconds duration) {
  const double seconds = static_cast<double>(duration.count()) / 1e9;
  const double overhead =
      metrics.overhead_bytes_per_message * static_cast<double>(metrics.delivered);
  return {.bandwidth_bps = static_cast<double>(metrics.bytes.ip) * 8 / seconds,
          .overhead_bps = overhead * 8 / seconds};
}

Nanoseconds percentile(const std::vector<Nanoseconds>& sorted, double p) {
  if (sorted.empty()) return Nanoseconds{0};
  // p * n first: p / 100 is inexact (0.07 * 100 is 7.000000000000001, which would round up to 8).
  const double rank_exact = p * static_cast<double>(sorted.size()) / 100.0;
  const auto rank = static_cast<std::size_t>(std::ceil(rank_exact));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

void MetricsAccumulator::add_endpoint(const Endpoint& endpoint) {
  roles_.push_back(endpoint.role);
  if (endpoint.role == EndpointRole::load_balancer) counts_.cluster = ClusterMetrics{};
  server_of_.push_back(-1);
  if (endpoint.role != EndpointRole::server) return;
  server_of_.back() = static_cast<int>(counts_.servers.size());
  counts_.servers.push_back({.name = endpoint.name});
  opens_by_server_.emplace_back();
  cpu_busy_by_server_.emplace_back(0);
  samples_by_server_.push_back(0);
}

void MetricsAccumulator::add_connection(ConnectionId, const Connection& connection) {
  if (is(connection.from, EndpointRole::client)) {
    ++counts_.connections_opened;
    if (counts_.cluster) {
      client_connections_.push_back({.client = connection.from,
                                     .opened = connection.opened_at,
                                     .closed = connection.closed_at.value_or(Nanoseconds::max())});
    }
  }
  const std::optional<std::size_t> server = server_index(connection.to);
  if (!server) return;
  ++counts_.servers[*server].connections;
  const bool open_at_end =
      connection.opened_at <= end_ && (!connection.closed_at || *connection.closed_at > end_);
  if (counts_.cluster && open_at_end) {
    ++counts_.servers[*server].open_at_end;
  }
  for (OpenEvents* events : {&server_opens_, &opens_by_server_[*server]}) {
    events->emplace_back(connection.opened_at, +1);
    if (connection.closed_at) events->emplace_back(*connection.closed_at, -1);
  }
}

void MetricsAccumulator::add_frame(std::uint64_t, WireFrame frame) {
  count_frame(frame);
}

void MetricsAccumulator::count_frame(const WireFrame& frame) {
  const std::uint64_t on_the_wire = frame.size() + frame.transport_overhead;
  if (const auto server = server_index(frame.from)) {
    counts_.servers[*server].bytes_out += on_the_wire;
    counts_.servers[*server].messages_out += frame.messages.size();
  }
  if (counts_.cluster) count_cluster_frame(frame);
  if (const auto server = server_index(frame.to); server && !frame.lost()) {
    counts_.servers[*server].bytes_in += on_the_wire;
  }
  if (!is(frame.from, EndpointRole::client) && !is(frame.to, EndpointRole::client)) return;
  ByteCounts& bytes = counts_.bytes;
  bytes.ip += on_the_wire;
  if (!carries_application_bytes(frame)) return;
  bytes.app += frame.size();
  if (frame.setup) bytes.setup += frame.size();
  if (frame.layer == Layer::http && frame.kind == "request") ++counts_.http_requests;
  if (is_empty_response(frame)) ++counts_.empty_responses;
}

void MetricsAccumulator::add_message(MessageId, const Message& message) {
  if (!message.delivered_at) {
    ++counts_.lost;
    return;
  }
  ++counts_.delivered;
  counts_.bytes.payload += message.payload_bytes;
  latencies_.push_back(*message.delivered_at - message.created_at);
  if (first_failure_ && *message.delivered_at >= *first_failure_) {
    const Nanoseconds since = std::max(message.created_at - *first_failure_, Nanoseconds{0});
    const auto ms = static_cast<std::size_t>(since / kRecoveryResolution);
    if (latest_arrival_by_ms_.size() <= ms) latest_arrival_by_ms_.resize(ms + 1, Nanoseconds{0});
    latest_arrival_by_ms_[ms] = std::max(latest_arrival_by_ms_[ms], *message.delivered_at);
  }
}

void MetricsAccumulator::add_host_event(const HostEvent& event) {
  if (event.fails() && !first_failure_) first_failure_ = event.at;
}

void MetricsAccumulator::add_host_sample(const HostSample& sample) {
  const std::optional<std::size_t> index = server_index(sample.endpoint);
  if (!index) return;
  ServerMetrics& server = counts_.servers[*index];
  server.threads_busy_max = std::max<std::uint64_t>(server.threads_busy_max, sample.threads_busy);
  server.accept_queue_max = std::max<std::uint64_t>(server.accept_queue_max, sample.accept_queue);
  server.memory_max_bytes = std::max(server.memory_max_bytes, sample.memory_bytes);
  server.refused += sample.refused;
  cpu_busy_by_server_[*index] += sample.cpu_busy;
  ++samples_by_server_[*index];
}

void MetricsAccumulator::count_cluster_frame(const WireFrame& frame) {
  ClusterMetrics& cluster = *counts_.cluster;
  if (is(frame.to, EndpointRole::client) && !frame.lost()) {
    for (const MessageId id : frame.messages) {
      if (arrived_.size() <= id) arrived_.resize(id + 1, false);
      if (arrived_[id]) ++cluster.duplicates;
      arrived_[id] = true;
    }
  }
  if (frame.layer != Layer::resp) return;
  cluster.broker_bytes += frame.size();
  const bool to_broker = is(frame.to, EndpointRole::broker);
  if ((frame.kind == "PUBLISH" || frame.kind == "XADD") && to_broker) ++cluster.published;
  // Pub/sub's pushes, and the answers of the streams' XREADs that carried entries.
  if ((frame.kind == "message" || frame.kind == "entries") && !frame.lost()) ++cluster.delivered;
}

// A client's first connection is its connect; every later one, a reconnect. Only while the
// traffic runs: after it, clients still waiting for a lost message idle until the run stops
// them, and a balancer's idle timeout would count as a storm.
std::vector<Nanoseconds> MetricsAccumulator::reconnect_times() const {
  std::vector<ClientConnection> opens = client_connections_;
  std::sort(opens.begin(), opens.end());
  std::vector<Nanoseconds> reconnects;
  for (std::size_t i = 1; i < opens.size(); ++i) {
    if (opens[i].client == opens[i - 1].client && opens[i].opened < end_) {
      reconnects.push_back(opens[i].opened);
    }
  }
  std::sort(reconnects.begin(), reconnects.end());
  return reconnects;
}

// When the last client cut off since the first failure connected again: the latest connection,
// in the traffic, that a client opened with none of its own open and its last closed since the
// failure. Zero when no client was cut off.
Nanoseconds MetricsAccumulator::back_after_failure() const {
  std::vector<ClientConnection> connections = client_connections_;
  std::sort(connections.begin(), connections.end());
  Nanoseconds back{0};
  Nanoseconds open_until{0};  // when the client's connections so far have all closed
  for (std::size_t i = 0; i < connections.size(); ++i) {
    const ClientConnection& connection = connections[i];
    const bool first = i == 0 || connections[i - 1].client != connection.client;
    if (!first && open_until <= connection.opened && open_until >= *first_failure_ &&
        connection.opened < end_) {
      back = std::max(back, connection.opened);
    }
    if (first) open_until = Nanoseconds{0};
    open_until = std::max(open_until, connection.closed);
  }
  return back;
}

// The latest arrival of a message created before `back` (to the resolution of the buckets).
Nanoseconds MetricsAccumulator::caught_up_by(Nanoseconds back) const {
  const auto last = static_cast<std::size_t>((back - *first_failure_) / kRecoveryResolution);
  Nanoseconds latest{0};
  for (std::size_t ms = 0; ms <= last && ms < latest_arrival_by_ms_.size(); ++ms) {
    latest = std::max(latest, latest_arrival_by_ms_[ms]);
  }
  return latest;
}

ClusterMetrics MetricsAccumulator::cluster_result(const LaneMetrics& metrics) const {
  ClusterMetrics cluster = *metrics.cluster;
  const std::vector<Nanoseconds> reconnects = reconnect_times();
  cluster.reconnects = reconnects.size();
  constexpr Nanoseconds kWindow = std::chrono::milliseconds{100};
  for (std::size_t i = 0, first = 0; i < reconnects.size(); ++i) {
    while (reconnects[i] - reconnects[first] >= kWindow) ++first;
    cluster.reconnects_peak_100ms =
        std::max<std::uint64_t>(cluster.reconnects_peak_100ms, i - first + 1);
  }
  std::uint64_t most = 0;
  std::uint64_t total = 0;
  for (const ServerMetrics& server : metrics.servers) {
    most = std::max(most, server.open_at_end);
    total += server.open_at_end;
  }
  if (total > 0) {
    cluster.imbalance = static_cast<double>(most) * static_cast<double>(metrics.servers.size()) /
                        static_cast<double>(total);
  }
  if (first_failure_) {
    const Nanoseconds back = back_after_failure();
    if (back > *first_failure_) {
      const Nanoseconds recovered = std::max(back, caught_up_by(back));
      cluster.recovery_s = std::chrono::duration<double>(recovered - *first_failure_).count();
    }
  }
  return cluster;
}

LaneMetrics MetricsAccumulator::result() const {
  LaneMetrics metrics = counts_;
  metrics.lane = spec_.id;
  metrics.transport = spec_.transport;
  metrics.latency = summarize(latencies_);
  metrics.peak_server_connections = peak_open(server_opens_);
  for (std::size_t i = 0; i < metrics.servers.size(); ++i) {
    metrics.servers[i].peak_connections = peak_open(opens_by_server_[i]);
    if (samples_by_server_[i] > 0) {
      const Nanoseconds sampled =
          kHostSampleInterval * static_cast<std::int64_t>(samples_by_server_[i]);
      metrics.servers[i].cpu_utilisation = static_cast<double>(cpu_busy_by_server_[i].count()) /
                                           static_cast<double>(sampled.count());
    }
  }
  if (metrics.delivered > 0) {
    const auto steady = static_cast<double>(metrics.bytes.app - metrics.bytes.setup) -
                        static_cast<double>(metrics.bytes.payload);
    metrics.overhead_bytes_per_message = steady / static_cast<double>(metrics.delivered);
  }
  if (metrics.cluster) metrics.cluster = cluster_result(metrics);
  return metrics;
}

LaneMetrics compute_metrics(const Lane& lane, Nanoseconds end) {
  MetricsAccumulator accumulator(LaneSpec(lane.id, lane.transport), end);
  for (const Endpoint& endpoint : lane.endpoints) accumulator.add_endpoint(endpoint);
  for (std::size_t i = 0; i < lane.connections.size(); ++i) {
    accumulator.add_connection(static_cast<ConnectionId>(i), lane.connections[i]);
  }
  for (const WireFrame& frame : lane.frames) accumulator.count_frame(frame);
  for (const HostEvent& event : lane.host_events) accumulator.add_host_event(event);
  for (std::size_t i = 0; i < lane.messages.size(); ++i) {
    accumulator.add_message(static_cast<MessageId>(i), lane.messages[i]);
  }
  for (const HostSample& sample : lane.host_samples) accumulator.add_host_sample(sample);
  return accumulator.result();
}

}  // namespace pushlab::sim
