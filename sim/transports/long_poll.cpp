// Long polling (RFC 6202 section 2): the client asks `GET /lp`, and the server holds the request
// until it has a message for that client (200 and a JSON array of everything waiting) or the
// timeout passes (204 No Content). The client asks again as soon as any answer arrives, so one
// request is almost always waiting at the server. A message created while a request is held
// reaches the client one transit later; one created just after a response has left waits for
// the next request: the response's transit, the request's, then its own (section 2.2).
//
// A response can be lost with its connection (the proxy closes it, or gives up with a 504). The
// server therefore keeps each message until a later request shows the client has it: every poll
// carries how many messages the client has received so far (`&received=N`, a cursor, as
// Bayeux's ack extension or a `since` parameter does), and the server resends what the cursor
// does not cover. Without it a message put into a lost response would vanish silently.

#include <deque>
#include <vector>

#include "sim/net/duration_text.hpp"
#include "sim/transports/browser_connections.hpp"
#include "sim/transports/client_by_socket.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/transports/http_server.hpp"
#include "sim/transports/send_by_post.hpp"
#include "sim/transports/transport_model.hpp"
#include "sim/wire/http/parse_one.hpp"

namespace pushlab::sim {

namespace {

// The cursor a poll carries: how many of its messages the client has received (0 if it names
// none, as a first poll may not).
std::uint64_t received_of(const wire::http::Request& request) {
  return contract::number_in(request.target, contract::kReceivedKey).value_or(0);
}

std::string json_array_of(const MessageBook& messages, const std::deque<MessageId>& ids) {
  std::string body = "[";
  for (const MessageId id : ids) {
    if (id != ids.front()) body += ',';
    body += '"';
    messages.append_payload(body, id);
    body += '"';
  }
  return body + ']';
}

std::string count_text(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " message" : " messages");
}

class LongPoll final : public TransportModel {
 public:
  explicit LongPoll(LaneWorld& world)
      : world_(world),
        server_(
            world,
            [this](Socket& socket, int client, const wire::http::Request& request,
                   const WireFrame&) { poll_arrived(socket, client, request); },
            [this](Socket& socket) { connection_closed(socket); }) {
    for (int client = 0; client < world.clients(); ++client) {
      clients_.push_back(std::make_unique<Client>(world.topology, client));
    }
    mailboxes_.resize(static_cast<std::size_t>(world.clients()));
  }

  // Every page opens its poll as it loads: a long poll has no interval to spread over.
  void start_client(int client) override {
    poll(client,
         "the client asks for its messages; the server holds this request until it has one");
  }

  void push(int client, MessageId id) override {
    Mailbox& mailbox = mailbox_of(client);
    mailbox.kept.push_back(id);
    if (mailbox.held) {
      answer_with_messages(mailbox,
                           "the server answers the held request as soon as a message exists");
    }
  }

  void send(int client, MessageId id) override {
    send_by_post(world_, at(client).connections, client, id);
  }

  void stop_client(int client) override { at(client).stop(); }

 private:
  // The browser's side.
  struct Client : PollingPage {
    using PollingPage::PollingPage;
    std::uint64_t received = 0;  // messages received so far: the cursor each poll carries
  };

  // The server's side of one client.
  struct Mailbox {
    // Messages for the client that no request has yet shown it has, oldest first: those never
    // sent, and those sent in a response that may have been lost.
    std::deque<MessageId> kept;
    std::uint64_t confirmed = 0;  // messages before kept.front(): the client has them all
    std::size_t sent_before = 0;  // how many of `kept`, from the front, went out in a response
    Socket* held = nullptr;       // the request being held, by its connection
    EventId timeout{};
  };

  Client& at(int client) { return *clients_[static_cast<std::size_t>(client)]; }
  Mailbox& mailbox_of(int client) { return mailboxes_[static_cast<std::size_t>(client)]; }

  // --- client ---

  void poll(int client, std::string_view note) {
    if (at(client).stopped) return;
    at(client).connections.acquire([this, client, note](PooledConnection& connection) {
      connection.on_frame = [this, client, &connection](const WireFrame& answer) {
        answered(client, connection, answer);
      };
      connection.on_closed = [this, client] {
        poll(client,
             "the connection holding the poll was closed: the browser polls again at "
             "once on a new one");
      };
      WireFrame request = world_.http.request("GET", poll_target(client), {});
      if (world_.notes) request.note = note;
      connection.send(std::move(request));
    });
  }

  std::string poll_target(int client) {
    std::string target = contract::with_client(info(Transport::long_poll).path, client);
    contract::append_query(target, contract::kReceivedKey, at(client).received);
    return target;
  }

  // Any answer ends the poll, and the client asks again at once: that is what keeps a request
  // waiting at the server.
  void answered(int client, PooledConnection& connection, const WireFrame& answer) {
    for (const MessageId id : answer.messages) world_.messages.deliver(id);
    at(client).received += answer.messages.size();
    at(client).connections.release(connection);
    poll(client, world_.notes ? next_poll_note(answer) : std::string_view{});
  }

  static std::string_view next_poll_note(const WireFrame& answer) {
    const auto head = wire::http::parse_response_head(answer.bytes);
    switch (head ? head->status : 0) {
      case 200:
        return "the client has its messages and at once asks for the next ones";
      case 204:
        return "the held request ended empty (the timeout): the client asks again at once";
      case 504:
        return "the proxy gave up on the held request (504 Gateway Timeout): the browser polls "
               "again at once";
      default:
        return "the client asks again at once";
    }
  }

  // --- server ---

  void poll_arrived(Socket& socket, int client, const wire::http::Request& request) {
    Mailbox& mailbox = mailbox_of(client);
    forget_confirmed(mailbox, received_of(request));
    if (mailbox.held) {
      answer_empty(mailbox, "a newer poll from this client replaces this one");
    }
    mailbox.held = &socket;
    holders_.set(socket, client);
    if (!mailbox.kept.empty()) {
      answer_with_messages(mailbox, world_.notes ? count_text(mailbox.kept.size()) +
                                                       " waited at the server: this request is "
                                                       "answered at once"
                                                 : std::string());
      return;
    }
    mailbox.timeout = world_.simulator.schedule(world_.scenario.long_poll.timeout,
                                                [this, &mailbox] { timed_out(mailbox); });
  }

  // The request's cursor shows which messages the client has: those need not be kept.
  static void forget_confirmed(Mailbox& mailbox, std::uint64_t received) {
    while (mailbox.confirmed < received && !mailbox.kept.empty()) {
      mailbox.kept.pop_front();
      ++mailbox.confirmed;
      if (mailbox.sent_before > 0) --mailbox.sent_before;
    }
  }

  void answer_with_messages(Mailbox& mailbox, std::string note) {
    WireFrame batch = world_.http.response(200, {}, json_array_of(world_.messages, mailbox.kept),
                                           "application/json");
    batch.messages.assign(mailbox.kept.begin(), mailbox.kept.end());
    if (mailbox.sent_before > 0 && world_.notes) {
      note += "; " + count_text(mailbox.sent_before) +
              " sent again: the client's cursor shows the response that carried " +
              (mailbox.sent_before == 1 ? "it" : "them") + " never arrived";
    }
    batch.note = std::move(note);
    mailbox.sent_before = mailbox.kept.size();
    take_held(mailbox).send(std::move(batch));
  }

  void timed_out(Mailbox& mailbox) {
    answer_empty(mailbox, world_.notes
                              ? "nothing for " + duration_text(world_.scenario.long_poll.timeout) +
                                    ": the server ends the held request with an empty answer"
                              : std::string());
  }

  void answer_empty(Mailbox& mailbox, std::string note) {
    WireFrame nothing = world_.http.response(204, {});
    nothing.note = std::move(note);
    take_held(mailbox).send(std::move(nothing));
  }

  // The held request is being answered: no longer held, its timeout no longer due.
  Socket& take_held(Mailbox& mailbox) {
    Socket& socket = *mailbox.held;
    mailbox.held = nullptr;
    holders_.erase(socket);
    world_.simulator.cancel(mailbox.timeout);
    return socket;
  }

  // The client or the proxy closed a connection: a request held on it can no longer be
  // answered. Its messages stay kept for the next request.
  void connection_closed(Socket& socket) {
    const std::optional<int> holder = holders_.find(socket);
    if (!holder) return;
    Mailbox& mailbox = mailbox_of(*holder);
    holders_.erase(socket);
    mailbox.held = nullptr;
    world_.simulator.cancel(mailbox.timeout);
  }

  LaneWorld& world_;
  HttpServer server_;
  std::vector<std::unique_ptr<Client>> clients_;
  std::vector<Mailbox> mailboxes_;  // by client; sized once: timeouts hold references into it
  ClientBySocket holders_;          // which client's request each socket holds
};

}  // namespace

std::unique_ptr<TransportModel> make_long_poll(LaneWorld& world) {
  return std::make_unique<LongPoll>(world);
}

}  // namespace pushlab::sim
