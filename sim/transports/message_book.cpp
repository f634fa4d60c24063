#include "sim/transports/message_book.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/transports/message_payload.hpp"

namespace pushlab::sim {

MessageBook::MessageBook(Simulator& simulator, TraceSink& sink, int clients)
    : simulator_(simulator), sink_(sink), outstanding_(static_cast<std::size_t>(clients), 0) {}

MessageId MessageBook::create(Direction direction, int client, std::uint64_t payload_bytes) {
  ++outstanding_.at(static_cast<std::size_t>(client));
  const MessageId id = next_id_++;
  if (keep_sizes_) sizes_.push_back(static_cast<std::uint32_t>(payload_bytes));
  in_flight_.emplace(id, Message{.direction = direction,
                                 .client = static_cast<EndpointId>(client),
                                 .payload_bytes = payload_bytes,
                                 .created_at = simulator_.now()});
  return id;
}

void MessageBook::deliver(MessageId id) {
  const auto found = in_flight_.find(id);
  if (found == in_flight_.end()) {
    if (id < next_id_) {  // delivered before: the first time counts
      if (keep_sizes_) ++duplicates_;
      return;
    }
    throw std::logic_error("MessageBook: no message " + std::to_string(id));
  }
  Message message = found->second;
  in_flight_.erase(found);
  message.delivered_at = simulator_.now();
  sink_.add_message(id, message);
  if (--outstanding_.at(message.client) == 0 && on_settled)
    on_settled(static_cast<int>(message.client));
}

const Message& MessageBook::in_flight(MessageId id) const {
  const auto found = in_flight_.find(id);
  if (found != in_flight_.end()) return found->second;
  throw std::logic_error(
      "MessageBook: message " + std::to_string(id) +
      (id < next_id_ ? " was delivered: it is not sent again" : " does not exist"));
}

std::string MessageBook::payload(MessageId id) const {
  std::string text;
  append_payload(text, id);
  return text;
}

void MessageBook::append_payload(std::string& out, MessageId id) const {
  const bool delivered = keep_sizes_ && id < next_id_ && !in_flight_.contains(id);
  append_message_payload(out, id, delivered ? sizes_[id] : in_flight(id).payload_bytes);
}

// In id order, so that what a sink sees does not depend on the hash map's order.
void MessageBook::finish() {
  std::vector<MessageId> lost;
  lost.reserve(in_flight_.size());
  for (const auto& [id, message] : in_flight_) lost.push_back(id);
  std::sort(lost.begin(), lost.end());
  for (const MessageId id : lost) sink_.add_message(id, in_flight_.at(id));
  in_flight_.clear();
}

}  // namespace pushlab::sim
