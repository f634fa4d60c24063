#pragma once
// Figures computed from a Trace: what `pushlab-cli run` prints and the GUI tabulates.

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "sim/trace/trace.hpp"
#include "sim/trace/trace_sink.hpp"

namespace pushlab::sim {

struct LatencySummary {
  Nanoseconds mean{0};
  Nanoseconds p50{0};  // percentiles by the nearest-rank method
  Nanoseconds p95{0};
  Nanoseconds p99{0};
  Nanoseconds max{0};

  friend bool operator==(const LatencySummary&, const LatencySummary&) = default;
};

struct ByteCounts {
  std::uint64_t payload = 0;  // application payload of the delivered messages
  std::uint64_t app = 0;      // every byte TCP carried for the application: headers, bodies,
                              // frame headers, event framing (frames with exact bytes)
  std::uint64_t setup = 0;    // the part of `app` spent on connection setup (the upgrade)
  std::uint64_t ip = 0;       // `app` plus the modelled TCP/IP/TLS bytes

  friend bool operator==(const ByteCounts&, const ByteCounts&) = default;
};

// One server's share of a lane: what crossed all of its links, whoever was at the other end.
struct ServerMetrics {
  std::string name{};                  // the endpoint's: "server"
  std::uint64_t connections = 0;       // accepted over the run
  std::uint64_t peak_connections = 0;  // most open at once
  std::uint64_t bytes_in = 0;          // arrived at it, with the modelled TCP/IP/TLS bytes
  std::uint64_t bytes_out = 0;         // sent by it, likewise (lost ones included)
  std::uint64_t messages_out = 0;      // application messages in the frames it sent
  std::uint64_t open_at_end = 0;       // in a cluster: connections open when the traffic ended
  // In a cluster, from the host's samples (HostSample):
  std::uint64_t threads_busy_max = 0;
  std::uint64_t accept_queue_max = 0;
  std::uint64_t refused = 0;  // connections refused: a full accept queue, the descriptor limit
  std::uint64_t memory_max_bytes = 0;
  double cpu_utilisation = 0;  // the share of the sampled time its CPU was busy, 0 to 1

  friend bool operator==(const ServerMetrics&, const ServerMetrics&) = default;
};

// What only a lane with a cluster has: what crossed the broker, and how clients came back.
struct ClusterMetrics {
  std::uint64_t published = 0;  // PUBLISHes (or XADDs) the servers sent to the broker
  // The broker's pushes that reached a server (pub/sub's messages; the XREAD answers that carried
  // stream entries, a replay's included)
  std::uint64_t delivered = 0;
  std::uint64_t broker_bytes = 0;  // RESP bytes to and from the broker
  std::uint64_t reconnects = 0;    // connections a client opened after its first, in the traffic
  std::uint64_t reconnects_peak_100ms = 0;  // the most of them in any 100 ms
  // Messages that reached their client again, after they had arrived: two servers that both
  // held the client's state each sent it.
  std::uint64_t duplicates = 0;
  // The most connections open at one server when the traffic ended, over the mean: 1 is even.
  double imbalance = 0;
  // From the first failure until every client it cut off has connected again and every message
  // created before the last of them came back that arrives at all has arrived; 0 without one.
  double recovery_s = 0;

  friend bool operator==(const ClusterMetrics&, const ClusterMetrics&) = default;
};

struct LaneMetrics {
  std::string lane{};  // its id
  Transport transport = Transport::websocket;
  std::uint64_t delivered = 0;  // messages that arrived
  std::uint64_t lost = 0;       // messages created that never arrived
  LatencySummary latency{};     // created to delivered, over delivered messages
  ByteCounts bytes{};
  double overhead_bytes_per_message = 0;  // (app - setup - payload) / delivered
  std::uint64_t http_requests = 0;
  std::uint64_t connections_opened = 0;  // by the clients
  std::uint64_t empty_responses = 0;     // whole HTTP responses, not setup, that carried no message
  std::uint64_t peak_server_connections = 0;  // most connections open at the servers at once
  std::vector<ServerMetrics> servers{};       // one per server endpoint, in the Trace's order
  std::optional<ClusterMetrics> cluster{};    // with a balancer

  friend bool operator==(const LaneMetrics&, const LaneMetrics&) = default;
};

// Figures count what crossed the client's hop (frames from or to a client): what the browser's
// link carried. Behind a proxy the same bytes cross a second hop, which is not counted twice.
// Each server's figures count its own links.
// `end` as MetricsAccumulator's.
LaneMetrics compute_metrics(const Lane& lane, Nanoseconds end = Nanoseconds::max());

// What the server's links carried on average over a run of `duration`, in bits per second, as
// `pushlab-cli sweep` prints it: every byte with the modelled TCP/IP/TLS headers (bandwidth), and
// the application bytes beyond the payload after setup (overhead).
struct ServerLoad {
  double bandwidth_bps = 0;
  double overhead_bps = 0;
};
ServerLoad server_load(const LaneMetrics& metrics, Nanoseconds duration);

// The same figures, gathered record by record as a run goes, without keeping the frames.
class MetricsAccumulator final : public TraceSink {
 public:
  // `end`: when the traffic ends, for the connections open then (the lane's duration).
  explicit MetricsAccumulator(LaneSpec spec, Nanoseconds end = Nanoseconds::max())
      : spec_(std::move(spec)), end_(end) {}

  void add_endpoint(const Endpoint& endpoint) override;
  void add_connection(ConnectionId id, const Connection& connection) override;
  void add_frame(std::uint64_t send_order, WireFrame frame) override;
  void add_message(MessageId id, const Message& message) override;
  void add_host_sample(const HostSample& sample) override;
  void add_host_event(const HostEvent& event) override;
  void count_frame(const WireFrame& frame);  // add_frame without taking the frame
  bool reads_notes() const override { return false; }

  LaneMetrics result() const;

  // The counts so far, as records arrive: bytes, requests, deliveries and losses (no latency
  // summary and no peak, which need every record). For plots of a figure over time.
  const LaneMetrics& counts_so_far() const { return counts_; }

 private:
  bool is(EndpointId id, EndpointRole role) const {
    return id < roles_.size() && roles_[id] == role;
  }

  using OpenEvents = std::vector<std::pair<Nanoseconds, int>>;  // +1 open, -1 close, at a time

  // The index into counts_.servers of a server endpoint, if `id` is one.
  std::optional<std::size_t> server_index(EndpointId id) const {
    if (id >= server_of_.size() || server_of_[id] < 0) return std::nullopt;
    return static_cast<std::size_t>(server_of_[id]);
  }

  void count_cluster_frame(const WireFrame& frame);
  ClusterMetrics cluster_result(const LaneMetrics& metrics) const;
  std::vector<Nanoseconds> reconnect_times() const;
  Nanoseconds back_after_failure() const;
  Nanoseconds caught_up_by(Nanoseconds back) const;

  struct ClientConnection {
    EndpointId client = 0;
    Nanoseconds opened{0};
    Nanoseconds closed = Nanoseconds::max();  // still open at the end
    bool operator<(const ClientConnection& other) const {
      return std::tie(client, opened) < std::tie(other.client, other.opened);
    }
  };

  LaneSpec spec_;
  Nanoseconds end_;
  std::vector<EndpointRole> roles_;
  std::vector<int> server_of_;          // by endpoint: its index in counts_.servers, or -1
  LaneMetrics counts_;                  // all but latency and peaks
  std::vector<Nanoseconds> latencies_;  // of delivered messages
  OpenEvents server_opens_;             // at every server
  std::vector<OpenEvents> opens_by_server_;
  std::vector<bool> arrived_;  // by message: it has reached its client (in a cluster)
  std::vector<Nanoseconds> cpu_busy_by_server_;
  std::vector<std::uint64_t> samples_by_server_;
  std::vector<ClientConnection> client_connections_;  // with a balancer
  std::optional<Nanoseconds> first_failure_;
  // After the first failure, the latest arrival of the messages created in each millisecond from
  // it (those created before it in the first).
  std::vector<Nanoseconds> latest_arrival_by_ms_;
};

// Nearest-rank percentile (0 < p <= 100) of values sorted ascending; zero when empty.
Nanoseconds percentile(const std::vector<Nanoseconds>& sorted, double p);

}  // namespace pushlab::sim
