#include "sim/trace/trace_sink.hpp"

#include <algorithm>
#include <numeric>

namespace pushlab::sim {

namespace {

template <class Record>
void put_at(std::vector<Record>& records, std::uint32_t id, const Record& record) {
  if (records.size() <= id) records.resize(id + 1);
  records[id] = record;
}

}  // namespace

void TraceRecorder::add_endpoint(const Endpoint& endpoint) {
  lane_.endpoints.push_back(endpoint);
}

void TraceRecorder::add_connection(ConnectionId id, const Connection& connection) {
  put_at(lane_.connections, id, connection);
}

void TraceRecorder::add_frame(std::uint64_t send_order, WireFrame frame) {
  lane_.frames.push_back(std::move(frame));
  send_orders_.push_back(send_order);
}

void TraceRecorder::add_message(MessageId id, const Message& message) {
  put_at(lane_.messages, id, message);
}

Lane TraceRecorder::finish() && {
  std::vector<std::size_t> order(lane_.frames.size());
  std::iota(order.begin(), order.end(), 0);
  // By the time the first byte left; frames that left together, in the order they were handed
  // to the network.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& frames = lane_.frames;
    if (frames[a].sent_at != frames[b].sent_at) return frames[a].sent_at < frames[b].sent_at;
    return send_orders_[a] < send_orders_[b];
  });
  std::vector<WireFrame> frames;
  frames.reserve(order.size());
  for (const std::size_t index : order) frames.push_back(std::move(lane_.frames[index]));
  lane_.frames = std::move(frames);
  return std::move(lane_);
}

}  // namespace pushlab::sim
