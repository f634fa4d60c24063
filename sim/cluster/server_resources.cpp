#include "sim/cluster/server_resources.hpp"

#include <algorithm>
#include <cmath>

#include "sim/net/tcp_connection.hpp"

namespace pushlab::sim {

namespace {

bool is_request(const WireFrame& frame) {
  return frame.layer == Layer::http && frame.kind == "request";
}

// A response written whole ends its request; a 101 hands the connection to WebSocket and a
// streamed head to its stream, which keep the thread.
bool ends_request(const WireFrame& frame) {
  if (frame.layer != Layer::http) return false;
  if (frame.kind == "send-response" || frame.kind == "last-chunk") return true;
  constexpr std::string_view kSwitching = "HTTP/1.1 101 ";
  const std::string_view start(reinterpret_cast<const char*>(frame.bytes.data()),
                               std::min(frame.bytes.size(), kSwitching.size()));
  return frame.kind == "response" && start != kSwitching;
}

std::uint32_t count_of(std::size_t size) {
  return static_cast<std::uint32_t>(size);
}

Nanoseconds of_microseconds(double microseconds) {
  return Nanoseconds{static_cast<std::int64_t>(std::llround(microseconds * 1000.0))};
}

}  // namespace

ServerResources::ServerResources(Simulator& simulator, const ServerHost& settings, std::string name)
    : simulator_(simulator),
      settings_(settings),
      name_(std::move(name)),
      cost_per_message_(of_microseconds(settings.cpu_us_per_message)),
      cost_per_connection_(of_microseconds(settings.cpu_us_per_connection)) {}

std::optional<std::string> ServerResources::admit(TcpConnection& connection) {
  ++connects_;
  if (connections_.size() >= static_cast<std::size_t>(settings_.max_connections)) {
    ++refused_;
    return "RST: " + name_ + " refuses the connection: all " +
           std::to_string(settings_.max_connections) +
           " of its file descriptors (max_connections) are in use";
  }
  const bool accepting = cost_per_connection_ > Nanoseconds{0};
  if (accepting && waiting() >= static_cast<std::size_t>(settings_.accept_backlog)) {
    ++refused_;
    return "RST: " + name_ + " refuses the connection: its accept queue holds " +
           std::to_string(settings_.accept_backlog) +
           " connections waiting for its CPU already (accept_backlog)";
  }
  connections_[&connection].accepting = accepting;
  if (accepting) {
    ++accepting_;
    compute(cost_per_connection_, [this, at = &connection] { accepted(*at); });
  }
  note_gauges();
  return std::nullopt;
}

// The CPU has accepted the connection: what arrived meanwhile is read now.
void ServerResources::accepted(TcpConnection& connection) {
  const auto found = connections_.find(&connection);
  if (found == connections_.end() || !found->second.accepting) return;
  found->second.accepting = false;
  --accepting_;
  std::vector<WireFrame> unread = std::move(found->second.unread);
  found->second.unread.clear();
  for (const WireFrame& frame : unread) {
    const auto still = connections_.find(&connection);  // a refusal may have ended it
    if (still == connections_.end()) return;
    read(connection, still->second, frame);
  }
}

void ServerResources::arrived(TcpConnection& connection, const WireFrame& frame) {
  const auto found = connections_.find(&connection);
  if (found == connections_.end()) {
    connection.hand_over(frame);
    return;
  }
  read(connection, found->second, frame);
}

void ServerResources::read(TcpConnection& connection, PerConnection& state,
                           const WireFrame& frame) {
  if (state.accepting || state.queued) {
    state.unread.push_back(frame);
  } else if (!threads_limited() || state.thread || !is_request(frame)) {
    connection.hand_over(frame);
  } else if (threads_busy_ < settings_.threads) {
    take_thread(state);
    connection.hand_over(frame);
  } else if (waiting() < static_cast<std::size_t>(settings_.accept_backlog)) {
    state.queued = true;
    state.unread.push_back(frame);
    queue_.push_back(&connection);
    note_gauges();
  } else {
    ++refused_;
    connection.reset(Side::acceptor, "RST: " + name_ + " refuses the request: all " +
                                         std::to_string(settings_.threads) +
                                         " threads are busy and its accept "
                                         "queue holds " +
                                         std::to_string(settings_.accept_backlog) +
                                         " already (accept_backlog)");
  }
}

void ServerResources::sending(TcpConnection& connection, const WireFrame& frame) {
  if (!threads_limited() || !ends_request(frame)) return;
  const auto found = connections_.find(&connection);
  if (found != connections_.end() && found->second.thread) release_thread(found->second);
}

void ServerResources::ended(TcpConnection& connection) {
  const auto found = connections_.find(&connection);
  if (found == connections_.end()) return;
  if (found->second.thread) release_thread(found->second);
  if (found->second.queued) std::erase(queue_, &connection);
  if (found->second.accepting) --accepting_;
  connections_.erase(found);
}

void ServerResources::take_thread(PerConnection& state) {
  state.thread = true;
  ++threads_busy_;
  note_gauges();
}

// The freed thread serves the oldest waiting request, once what freed it is done.
void ServerResources::release_thread(PerConnection& state) {
  state.thread = false;
  --threads_busy_;
  if (!queue_.empty()) simulator_.schedule(Nanoseconds{0}, [this] { serve_queue(); });
}

void ServerResources::serve_queue() {
  while (!queue_.empty() && threads_busy_ < settings_.threads) {
    TcpConnection& connection = *queue_.front();
    queue_.pop_front();
    PerConnection& state = connections_.at(&connection);
    state.queued = false;
    take_thread(state);
    std::vector<WireFrame> unread = std::move(state.unread);
    for (const WireFrame& frame : unread) connection.hand_over(frame);
  }
}

void ServerResources::compute(Nanoseconds cost, Work work) {
  if (cost <= Nanoseconds{0}) {
    work();
    return;
  }
  cpu_queue_.push_back({.cost = cost, .work = std::move(work)});
  if (!cpu_running_) run_next_work();
}

void ServerResources::run_next_work() {
  cpu_running_ = true;
  const Nanoseconds cost = cpu_queue_.front().cost;
  simulator_.schedule(cost, [this, cost, epoch = cpu_epoch_] {
    if (epoch != cpu_epoch_) return;
    Work work = std::move(cpu_queue_.front().work);
    cpu_queue_.pop_front();
    cpu_busy_ += cost;
    work();  // may queue more, behind what is there
    if (cpu_queue_.empty()) {
      cpu_running_ = false;
    } else {
      run_next_work();
    }
  });
}

void ServerResources::crashed() {
  cpu_queue_.clear();
  cpu_running_ = false;
  ++cpu_epoch_;
}

void ServerResources::note_gauges() {
  connections_max_ = std::max(connections_max_, count_of(connections_.size()));
  threads_max_ = std::max(threads_max_, static_cast<std::uint32_t>(threads_busy_));
  queue_max_ = std::max(queue_max_, count_of(waiting()));
}

HostSample ServerResources::sample(EndpointId endpoint, Nanoseconds interval_start) {
  const auto memory = [this](std::uint32_t connections) {
    return static_cast<std::uint64_t>(
        std::llround(settings_.memory_per_connection_kb * 1024.0 * connections));
  };
  const HostSample sample{.endpoint = endpoint,
                          .at = interval_start,
                          .connections = connections_max_,
                          .threads_busy = threads_max_,
                          .accept_queue = queue_max_,
                          .memory_bytes = memory(connections_max_),
                          .cpu_busy = cpu_busy_,
                          .connects = connects_,
                          .refused = refused_};
  connections_max_ = count_of(connections_.size());
  threads_max_ = static_cast<std::uint32_t>(threads_busy_);
  queue_max_ = count_of(waiting());
  cpu_busy_ = Nanoseconds{0};
  connects_ = 0;
  refused_ = 0;
  return sample;
}

}  // namespace pushlab::sim
