#pragma once
// Where a run's records go as they become final. A simulation or live run does not hold its
// frames itself: it hands each record to a sink, which keeps all of it (TraceRecorder, for the
// GUI and --trace-out) or only what the figures need (MetricsAccumulator, for tables and
// sweeps), so that memory grows with clients rather than with frames when nobody looks at bytes.

#include <cstdint>

#include "sim/trace/trace.hpp"

namespace pushlab::sim {

class TraceSink {
 public:
  virtual ~TraceSink() = default;

  // Endpoints get ids in the order they are added.
  virtual void add_endpoint(const Endpoint& endpoint) = 0;
  // A connection once it has closed, or when the run ends with it open.
  virtual void add_connection(ConnectionId id, const Connection& connection) = 0;
  // A frame once it has arrived or is known to be lost. A Trace lists frames by the time they
  // were sent, and those sent at the same time by `send_order`, the order the network was
  // handed them.
  virtual void add_frame(std::uint64_t send_order, WireFrame frame) = 0;
  // A message once it has been delivered, or when the run ends without it.
  virtual void add_message(MessageId id, const Message& message) = 0;
  // A cluster host's gauges over the interval that has just ended.
  virtual void add_host_sample(const HostSample& sample) = 0;
  // A cluster's server failed, or came back, now.
  virtual void add_host_event(const HostEvent& event) = 0;

  // Whether it reads frames' notes. A sink that only counts does not, and a run then skips
  // writing the notes of its busiest frames (the text costs more than the counting).
  virtual bool reads_notes() const { return true; }
};

// Keeps everything: builds the Lane a Trace holds.
class TraceRecorder final : public TraceSink {
 public:
  explicit TraceRecorder(const LaneSpec& spec) {
    lane_.id = spec.id;
    lane_.transport = spec.transport;
  }

  void add_endpoint(const Endpoint& endpoint) override;
  void add_connection(ConnectionId id, const Connection& connection) override;
  void add_frame(std::uint64_t send_order, WireFrame frame) override;
  void add_message(MessageId id, const Message& message) override;
  void add_host_sample(const HostSample& sample) override { lane_.host_samples.push_back(sample); }
  void add_host_event(const HostEvent& event) override { lane_.host_events.push_back(event); }

  // The lane, frames in the order they were sent.
  Lane finish() &&;

 private:
  Lane lane_;
  std::vector<std::uint64_t> send_orders_;  // beside lane_.frames
};

// Passes every record on to `next` (a MetricsAccumulator) and keeps the lane's endpoints and
// host samples: the time series a plot needs, without a frame (`pushlab-cli run --no-trace`).
class SeriesRecorder final : public TraceSink {
 public:
  SeriesRecorder(const LaneSpec& spec, TraceSink& next) : next_(next) {
    lane_.id = spec.id;
    lane_.transport = spec.transport;
  }

  void add_endpoint(const Endpoint& endpoint) override {
    lane_.endpoints.push_back(endpoint);
    next_.add_endpoint(endpoint);
  }
  void add_connection(ConnectionId id, const Connection& connection) override {
    next_.add_connection(id, connection);
  }
  void add_frame(std::uint64_t send_order, WireFrame frame) override {
    next_.add_frame(send_order, std::move(frame));
  }
  void add_message(MessageId id, const Message& message) override {
    next_.add_message(id, message);
  }
  void add_host_sample(const HostSample& sample) override {
    lane_.host_samples.push_back(sample);
    next_.add_host_sample(sample);
  }
  void add_host_event(const HostEvent& event) override {
    lane_.host_events.push_back(event);
    next_.add_host_event(event);
  }
  bool reads_notes() const override { return next_.reads_notes(); }

  Lane finish() && { return std::move(lane_); }

 private:
  TraceSink& next_;
  Lane lane_;
};

}  // namespace pushlab::sim
