// Long polling (RFC 6202 section 2): the client asks `GET /lp`, and the server holds the request
// until it has a message for that client (200 and a JSON array of everything waiting) or the
// timeout passes (204 No Content). The client asks again as soon as any answer arrives, so one
// request is almost always waiting at the server. A message created while a request is held
// reaches the client one transit later; one created just after a response has left waits for
// the next request: the response's transit, the request's, then its own (section 2.2).
//
// A response can be lost with its connection (the proxy closes it, or gives up with a 504). The
// server therefore keeps each message until a later request shows the client has it
// (long_poll_mailbox.hpp): every poll carries how many messages the client has received so far
// (`&received=N`, a cursor, as Bayeux's ack extension or a `since` parameter does), and the
// server resends what the cursor does not cover. Without it a message put into a lost response
// would vanish silently.

#include <deque>
#include <vector>

#include "sim/net/duration_text.hpp"
#include "sim/transports/browser_connections.hpp"
#include "sim/transports/client_by_socket.hpp"
#include "sim/transports/cluster_backoff.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/transports/http_server.hpp"
#include "sim/transports/long_poll_mailbox.hpp"
#include "sim/transports/send_by_post.hpp"
#include "sim/transports/stream_resume.hpp"
#include "sim/transports/transport_model.hpp"
#include "sim/wire/http/parse_one.hpp"

namespace pushlab::sim {

namespace {

// The cursor a poll carries: how many of its messages the client has received (0 if it names
// none, as a first poll may not).
std::uint64_t received_of(const wire::http::Request& request) {
  return contract::number_in(request.target, contract::kReceivedKey).value_or(0);
}

std::string count_text(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " message" : " messages");
}

// The browser's page: one poll always out, asked again the moment any answer arrives.
class LongPollClient final : public ClientModel {
 public:
  LongPollClient(LaneWorld& world, int client)
      : world_(world),
        client_(client),
        page_(world.topology, client),
        backoff_(cluster_backoff(world, client)) {}

  // Every page opens its poll as it loads: a long poll has no interval to spread over.
  void start() override {
    poll("the client asks for its messages; the server holds this request until it has one");
  }

  void send(MessageId id) override { send_by_post(world_, page_.connections, client_, id); }

  void stop() override { page_.stop(); }

 private:
  void poll(std::string_view note) {
    if (page_.stopped) return;
    page_.connections.acquire([this, note](PooledConnection& connection) {
      connection.on_frame = [this, &connection](const WireFrame& answer) {
        answered(connection, answer);
      };
      connection.on_closed = [this] { poll_after_failure(); };
      WireFrame request = world_.http.request("GET", poll_target(), {});
      if (world_.notes) request.note = note;
      connection.send(std::move(request));
    });
  }

  // Alone, at once; in a cluster, after the scenario's reconnect policy's wait, so that a
  // refused or crashed server is not asked again in a tight loop.
  void poll_after_failure() {
    if (!backoff_) {
      poll(
          "the connection holding the poll was closed: the browser polls again at once on a new "
          "one");
      return;
    }
    const Nanoseconds delay = backoff_->next_delay();
    if (world_.notes) {
      retry_note_ = "the connection holding the poll was closed: the page polls again after " +
                    duration_text(delay) + " (attempt " + std::to_string(backoff_->attempts()) +
                    " of its reconnect policy)";
    }
    world_.simulator.schedule(delay, [this] { poll(retry_note_); });
  }

  std::string poll_target() const {
    std::string target = contract::with_client(info(Transport::long_poll).path, client_);
    contract::append_query(target, contract::kReceivedKey, received_);
    if (resumes_from_stream(world_.scenario)) append_resume_point(target, last_received_);
    return target;
  }

  // Any answer ends the poll, and the client asks again at once: that is what keeps a request
  // waiting at the server.
  void answered(PooledConnection& connection, const WireFrame& answer) {
    for (const MessageId id : answer.messages) {
      world_.messages.deliver(id);
      // In a cluster two servers may both send a message: the cursor counts it once.
      if (!world_.scenario.cluster || !last_received_ || id > *last_received_) ++received_;
      note_received(last_received_, id);
    }
    if (backoff_) backoff_->reset();
    page_.connections.release(connection);
    poll(world_.notes ? next_poll_note(answer) : std::string_view{});
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

  LaneWorld& world_;
  int client_;
  PollingPage page_;
  std::uint64_t received_ = 0;  // messages received so far: the cursor each poll carries
  std::optional<MessageId> last_received_;  // the resume point (sim/transports/stream_resume.hpp)
  std::optional<ReconnectBackoff> backoff_;
  std::string retry_note_;  // the note of the poll a failure delayed, alive until it is sent
};

// The server holds each client's request until it has a message for it or the timeout passes.
class LongPollServer final : public ServerModel {
 public:
  LongPollServer(LaneWorld& world, EndpointId endpoint)
      : world_(world),
        server_(
            world, endpoint,
            [this](Socket& socket, int client, const wire::http::Request& request,
                   const WireFrame&) { poll_arrived(socket, client, request); },
            [this](Socket& socket) { connection_closed(socket); }),
        endpoint_(endpoint),
        mailboxes_(static_cast<std::size_t>(world.clients())),
        seen_(static_cast<std::size_t>(world.clients()), false) {}

  bool serves(int client) const override { return server_.has_seen(client); }

  void push(int client, MessageId id) override {
    LongPollMailbox& mailbox = mailbox_of(client);
    mailbox.put(id);
    if (mailbox.held) {
      answer_with_messages(mailbox,
                           "the server answers the held request as soon as a message exists");
    }
  }

 private:
  LongPollMailbox& mailbox_of(int client) { return mailboxes_[static_cast<std::size_t>(client)]; }

  void poll_arrived(Socket& socket, int client, const wire::http::Request& request) {
    LongPollMailbox& mailbox = mailbox_of(client);
    if (!seen_[static_cast<std::size_t>(client)]) first_poll(mailbox, client, request);
    mailbox.confirm(received_of(request));
    if (mailbox.held) {
      answer_empty(mailbox, "a newer poll from this client replaces this one");
    }
    mailbox.held = &socket;
    holders_.set(socket, client);
    if (!mailbox.empty()) {
      answer_with_messages(mailbox, world_.notes ? count_text(mailbox.size()) +
                                                       " waited at the server: this request is "
                                                       "answered at once"
                                                 : std::string());
      return;
    }
    mailbox.timeout = world_.simulator.schedule(world_.scenario.long_poll.timeout,
                                                [this, &mailbox] { timed_out(mailbox); });
  }

  // The first poll this server sees from a client: its cursor counts what came from elsewhere
  // (another server, or this one before a crash), and with a stream to resume from, what the
  // stream holds after its resume point is put in its mailbox.
  void first_poll(LongPollMailbox& mailbox, int client, const wire::http::Request& request) {
    seen_[static_cast<std::size_t>(client)] = true;
    mailbox.start_at(received_of(request));
    if (world_.resume && carries_resume_point(request.target)) {
      world_.resume(endpoint_, client, resume_point_in(request.target));
    }
  }

  void answer_with_messages(LongPollMailbox& mailbox, std::string note) {
    const LongPollMailbox::Batch taken = mailbox.take();
    WireFrame batch = world_.http.response(200, {}, polling_body(world_.messages, taken.messages),
                                           "application/json");
    batch.messages.assign(taken.messages.begin(), taken.messages.end());
    if (taken.sent_before > 0 && world_.notes) {
      note += "; " + count_text(taken.sent_before) +
              " sent again: the client's cursor shows the response that carried " +
              (taken.sent_before == 1 ? "it" : "them") + " never arrived";
    }
    batch.note = std::move(note);
    take_held(mailbox).send(std::move(batch));
  }

  void timed_out(LongPollMailbox& mailbox) {
    answer_empty(mailbox, world_.notes
                              ? "nothing for " + duration_text(world_.scenario.long_poll.timeout) +
                                    ": the server ends the held request with an empty answer"
                              : std::string());
  }

  void answer_empty(LongPollMailbox& mailbox, std::string note) {
    WireFrame nothing = world_.http.response(204, {});
    nothing.note = std::move(note);
    take_held(mailbox).send(std::move(nothing));
  }

  // The held request is being answered: no longer held, its timeout no longer due.
  Socket& take_held(LongPollMailbox& mailbox) {
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
    LongPollMailbox& mailbox = mailbox_of(*holder);
    holders_.erase(socket);
    mailbox.held = nullptr;
    world_.simulator.cancel(mailbox.timeout);
  }

  LaneWorld& world_;
  HttpServer server_;
  EndpointId endpoint_;
  std::vector<LongPollMailbox> mailboxes_;  // by client; sized once: timeouts hold references
  std::vector<bool> seen_;                  // by client: it has polled this server
  ClientBySocket holders_;                  // which client's request each socket holds
};

}  // namespace

LaneModels make_long_poll(LaneWorld& world) {
  return make_models<LongPollServer, LongPollClient>(world);
}

}  // namespace pushlab::sim
