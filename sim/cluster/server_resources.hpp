#pragma once
// What one server of a cluster has to serve with (the scenario's `cluster.server`): file
// descriptors, threads with an accept queue in front of them, memory per connection, and one
// CPU. It is the server endpoint's ConnectionGate, so it sees every connection and request
// before the server's application does.
//
// - Every model: a connection past `max_connections` is refused (an RST, as a server out of
//   file descriptors closes what it cannot accept); each open connection costs
//   `memory_per_connection_kb`.
// - thread-per-request: an HTTP request takes one of `threads` until its response is written;
//   a streamed response (SSE) keeps it until its last chunk, and a 101 (WebSocket) until the
//   connection ends, as blocking I/O does. A request that finds every thread busy waits in
//   the accept queue, unread, and one that finds the queue (`accept_backlog`) full is refused
//   with an RST.
// - The CPU: each message the server pushes costs `cpu_us_per_message`, one after the other,
//   so a broadcast's fan-out takes time and a saturated server delays what comes behind.
// - Accepting: with `cpu_us_per_connection` (a TLS handshake's key exchange) each new
//   connection waits in the accept queue, unread, until the CPU has spent that on it; one that
//   finds `accept_backlog` connections waiting already is refused with an RST (Linux with
//   tcp_abort_on_overflow; without it the SYN is dropped and retried). A server takes a wave of
//   reconnects only so fast, and refuses what its queue cannot hold.

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/engine/inline_function.hpp"
#include "sim/engine/simulator.hpp"
#include "sim/net/connection_gate.hpp"
#include "sim/scenario/cluster.hpp"

namespace pushlab::sim {

class ServerResources final : public ConnectionGate {
 public:
  using Work = InlineFunction<void()>;

  // `name` for the notes of what it refuses: "s2".
  ServerResources(Simulator& simulator, const ServerHost& settings, std::string name);
  ServerResources(const ServerResources&) = delete;
  ServerResources& operator=(const ServerResources&) = delete;

  std::optional<std::string> admit(TcpConnection& connection) override;
  void arrived(TcpConnection& connection, const WireFrame& frame) override;
  void sending(TcpConnection& connection, const WireFrame& frame) override;
  void ended(TcpConnection& connection) override;

  // `work` runs once the CPU has spent one message's time on it, after what was queued before.
  void compute(Work work) { compute(cost_per_message_, std::move(work)); }
  // The server crashed: the work waiting for its CPU is gone (its connections end by RST).
  void crashed();

  // The gauges' highest values since the last sample, which then start again from now.
  HostSample sample(EndpointId endpoint, Nanoseconds interval_start);

 private:
  struct PerConnection {
    bool thread = false;            // holds one
    bool queued = false;            // waits in the accept queue for a thread
    bool accepting = false;         // waits in the accept queue for the CPU
    std::vector<WireFrame> unread;  // what arrived while it waited
  };

  bool threads_limited() const { return settings_.model == ServerModelKind::thread_per_request; }
  void compute(Nanoseconds cost, Work work);
  void accepted(TcpConnection& connection);
  void read(TcpConnection& connection, PerConnection& state, const WireFrame& frame);
  std::size_t waiting() const { return queue_.size() + accepting_; }
  void take_thread(PerConnection& state);
  void release_thread(PerConnection& state);
  void serve_queue();
  void run_next_work();
  void note_gauges();

  Simulator& simulator_;
  const ServerHost& settings_;
  std::string name_;
  Nanoseconds cost_per_message_;
  Nanoseconds cost_per_connection_;
  std::unordered_map<TcpConnection*, PerConnection> connections_;  // admitted and open
  std::deque<TcpConnection*> queue_;                               // waiting for a thread
  int threads_busy_ = 0;
  std::size_t accepting_ = 0;  // connections waiting for the CPU to accept them
  struct CpuWork {
    Nanoseconds cost;
    Work work;
  };
  std::deque<CpuWork> cpu_queue_;
  bool cpu_running_ = false;
  std::uint64_t cpu_epoch_ = 0;  // a crash makes the CPU's scheduled step stale

  // Since the last sample.
  std::uint32_t connections_max_ = 0;
  std::uint32_t threads_max_ = 0;
  std::uint32_t queue_max_ = 0;
  Nanoseconds cpu_busy_{0};
  std::uint32_t connects_ = 0;
  std::uint32_t refused_ = 0;
};

}  // namespace pushlab::sim
