#pragma once
// The live server's messages to its clients: each is published for one client and waits in
// that client's mailbox until a poll takes it; it also stays in the client's log, from which an
// event stream resumes after Last-Event-ID. Sessions waiting for a client's next message (a
// held long poll, an event stream, a WebSocket) subscribe to it and are woken when one comes.
//
// Everything runs on the server's one io_context thread: nothing here locks.

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace pushlab::live {

struct FeedMessage {
  std::uint64_t id = 0;  // the message's id in the scenario's traffic; increasing
  std::string payload;
};

class Feed {
 public:
  using Wake = std::function<void()>;
  using Token = std::uint64_t;

  explicit Feed(int clients);

  int clients() const { return static_cast<int>(mailboxes_.size()); }
  bool has_client(int client) const { return client >= 0 && client < clients(); }

  // Publishes a message for `client` (0-based) and wakes its subscribers. Ids must increase.
  void publish(int client, std::uint64_t id, std::string payload);

  // The messages waiting for a poll, taken out of the mailbox.
  std::vector<FeedMessage> take_waiting(int client);
  bool has_waiting(int client) const { return !mailbox(client).waiting.empty(); }

  // The client's messages with an id above `after_id` (all of them when it is negative), for
  // a stream that resumes.
  std::vector<FeedMessage> since(int client, std::int64_t after_id) const;

  // The client's messages from its `received`-th on: for a poller that says how many it has
  // (several pollers of one client then each get every message, as in a classroom demo).
  std::vector<FeedMessage> from(int client, std::size_t received) const;
  std::size_t published(int client) const { return mailbox(client).log.size(); }

  // The last message a WebSocket of the client has been handed (-1: none): a reconnecting
  // client's new WebSocket resumes after it, as the simulated server keeps for a client what
  // came while it had no connection.
  std::int64_t pushed(int client) const { return mailbox(client).pushed; }
  void mark_pushed(int client, std::int64_t id) {
    mailbox(client).pushed = std::max(mailbox(client).pushed, id);
  }

  // `wake` runs after each message published for the client, until unsubscribed.
  Token subscribe(int client, Wake wake);
  void unsubscribe(int client, Token token);

  // Messages the clients sent the server (a WebSocket frame or a POST /send).
  void receive(int client, std::string payload);
  std::uint64_t received() const { return received_; }

 private:
  struct Mailbox {
    std::deque<std::uint64_t> waiting;  // indices into log
    std::vector<FeedMessage> log;
    std::map<Token, Wake> subscribers;
    std::int64_t pushed = -1;
  };

  Mailbox& mailbox(int client) { return mailboxes_.at(static_cast<std::size_t>(client)); }
  const Mailbox& mailbox(int client) const {
    return mailboxes_.at(static_cast<std::size_t>(client));
  }

  std::vector<Mailbox> mailboxes_;
  Token next_token_ = 1;
  std::uint64_t received_ = 0;
};

}  // namespace pushlab::live
