#include "live/feed.hpp"

#include <algorithm>
#include <utility>

namespace pushlab::live {

Feed::Feed(int clients) : mailboxes_(static_cast<std::size_t>(clients > 0 ? clients : 1)) {}

void Feed::publish(int client, std::uint64_t id, std::string payload) {
  Mailbox& box = mailbox(client);
  box.waiting.push_back(box.log.size());
  box.log.push_back({id, std::move(payload)});
  // A subscriber may unsubscribe (or subscribe another) while woken: wake a copy.
  const auto subscribers = box.subscribers;
  for (const auto& [token, wake] : subscribers) wake();
}

std::vector<FeedMessage> Feed::take_waiting(int client) {
  Mailbox& box = mailbox(client);
  std::vector<FeedMessage> taken;
  for (const std::uint64_t index : box.waiting) taken.push_back(box.log[index]);
  box.waiting.clear();
  return taken;
}

std::vector<FeedMessage> Feed::since(int client, std::int64_t after_id) const {
  const auto& log = mailbox(client).log;  // in id order
  const auto first = std::upper_bound(log.begin(), log.end(), after_id,
                                      [](std::int64_t id, const FeedMessage& message) {
                                        return id < static_cast<std::int64_t>(message.id);
                                      });
  return {first, log.end()};
}

std::vector<FeedMessage> Feed::from(int client, std::size_t received) const {
  const auto& log = mailbox(client).log;
  return {log.begin() + static_cast<std::ptrdiff_t>(std::min(received, log.size())), log.end()};
}

Feed::Token Feed::subscribe(int client, Wake wake) {
  const Token token = next_token_++;
  mailbox(client).subscribers.emplace(token, std::move(wake));
  return token;
}

void Feed::unsubscribe(int client, Token token) {
  mailbox(client).subscribers.erase(token);
}

void Feed::receive(int client, std::string) {
  if (has_client(client)) ++received_;
}

}  // namespace pushlab::live
