#include "sim/transports/message_book.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

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
  std::string text;
  append_payload(text, id);
  return text;
}

// "#<id> " then filler characters from the id's place in kFiller on, cut at the payload size.
void MessageBook::append_payload(std::string& out, MessageId id) const {
  static constexpr std::string_view kFiller = "abcdefghijklmnopqrstuvwxyz0123456789";
  const std::size_t size = messages_.at(id).payload_bytes;
  char prefix[16] = {'#'};
  char* prefix_end = std::to_chars(prefix + 1, prefix + sizeof prefix - 1, id).ptr;
  *prefix_end++ = ' ';
  const std::size_t written = std::min(size, static_cast<std::size_t>(prefix_end - prefix));
  const std::size_t start = out.size();
  out.append(prefix, written);
  out.resize(start + size);
  std::size_t filler = id % kFiller.size();
  for (std::size_t i = start + written; i < out.size(); ++i) {
    out[i] = kFiller[filler];
    if (++filler == kFiller.size()) filler = 0;
  }
}

void MessageBook::finish() {
  for (std::size_t id = 0; id < messages_.size(); ++id) {
    sink_.add_message(static_cast<MessageId>(id), messages_[id]);
  }
}

}  // namespace pushlab::sim
