#include "sim/transports/message_book.hpp"

namespace pushlab::sim {

MessageBook::MessageBook(Simulator& simulator, TraceSink& sink, int clients)
    : simulator_(simulator), sink_(sink), outstanding_(static_cast<std::size_t>(clients), 0) {}

MessageId MessageBook::create(Direction direction, int client, std::uint64_t payload_bytes) {
  const auto id = static_cast<MessageId>(messages_.size());
  messages_.push_back({.direction = direction,
                       .client = static_cast<EndpointId>(client),
                       .payload_bytes = payload_bytes,
                       .created_at = simulator_.now()});
  ++outstanding_.at(static_cast<std::size_t>(client));
  return id;
}

void MessageBook::deliver(MessageId id) {
  Message& message = messages_.at(id);
  if (message.delivered_at) return;
  message.delivered_at = simulator_.now();
  if (--outstanding_.at(message.client) == 0 && on_settled)
    on_settled(static_cast<int>(message.client));
}

std::string MessageBook::payload(MessageId id) const {
  const std::uint64_t size = messages_.at(id).payload_bytes;
  std::string text = "#" + std::to_string(id) + " ";
  static constexpr char kFiller[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (std::size_t i = 0; text.size() < size; ++i) text += kFiller[(id + i) % (sizeof kFiller - 1)];
  text.resize(size);
  return text;
}

void MessageBook::finish() {
  for (std::size_t id = 0; id < messages_.size(); ++id) {
    sink_.add_message(static_cast<MessageId>(id), messages_[id]);
  }
}

}  // namespace pushlab::sim
