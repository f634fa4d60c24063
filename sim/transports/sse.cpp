// Server-Sent Events (WHATWG HTML, section 9.2): the browser's EventSource sends one GET, and the
// server answers with a response that does not end, a text/event-stream whose body carries one
// event per message, each a chunk of its own. A message reaches the client one transit after it
// is created, with no request of its own. When the connection drops (a proxy closes it as idle),
// the client waits the reconnection time the server announced and asks again with
// Last-Event-ID; the server resends every event after that one, so nothing is lost. Messages
// from the client go by POST, on a second connection.
//
// With sse.tabs above 1 the page is open in that many tabs of each client's browser, each tab
// with an EventSource of its own, and all of them share the browser's six connections to the
// host: a seventh stream, or a POST behind six open streams, waits for a connection to free up.
// The traffic is the newest tab's (the one in front): its stream delivers the messages and it
// sends the client's. The earlier tabs' streams carry the same events to the other tabs.

#include <charconv>
#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/net/duration_text.hpp"
#include "sim/transports/browser_connections.hpp"
#include "sim/transports/client_by_socket.hpp"
#include "sim/transports/cluster_backoff.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/transports/http_server.hpp"
#include "sim/transports/message_payload.hpp"
#include "sim/transports/send_by_post.hpp"
#include "sim/transports/stream_resume.hpp"
#include "sim/transports/transport_model.hpp"
#include "sim/wire/http/parser.hpp"
#include "sim/wire/http/rfc9110.hpp"
#include "sim/wire/sse/encoder.hpp"
#include "sim/wire/sse/parser.hpp"

namespace pushlab::sim {

namespace {

namespace http = wire::http;
namespace sse = wire::sse;

// The reconnection time until the stream sets one: the spec leaves it to the browser, and
// Chromium starts with 3 s.
constexpr Nanoseconds kBrowserReconnectionTime = std::chrono::seconds{3};

// The event a Last-Event-ID names; none for none or one that is not a number.
std::optional<std::uint64_t> event_id_named(const std::string* last_event_id) {
  if (!last_event_id) return std::nullopt;
  std::uint64_t id = 0;
  const char* end = last_event_id->data() + last_event_id->size();
  const auto [stop, error] = std::from_chars(last_event_id->data(), end, id);
  if (error != std::errc{} || stop != end) return std::nullopt;
  return id;
}

// The tab a stream request names ("&tab=2", counted from 1 like clients); nullopt for none that
// exists.
std::optional<int> tab_of(const http::Request& request, int tabs) {
  if (tabs == 1) return 0;
  return contract::index_in(request.target, contract::kTabKey, tabs);
}

// What an EventSource accepts as a stream: 200 with Content-Type text/event-stream, parameters
// ignored. Anything else (a proxy's 504) fails the connection for good.
bool is_event_stream(const http::Response& response) {
  const std::string* type = response.fields.find("Content-Type");
  if (response.status != 200 || !type) return false;
  const std::string_view media_type = std::string_view(*type).substr(0, type->find(';'));
  return http::iequals(http::trim_ows(media_type), "text/event-stream");
}

// Whether the page reopens its EventSource by the cluster's reconnect policy.
bool follows_policy(const LaneWorld& world) {
  return world.scenario.cluster && world.scenario.cluster->reconnect.sse_follows_policy;
}

// Which tab a note is about, when there are several.
std::string tab_prefix(int tab, int tabs) {
  return tabs == 1 ? std::string() : "tab " + std::to_string(tab + 1) + ": ";
}

// One client's browser: the tabs' EventSources and the connections to the host they share.
class SseClient final : public ClientModel {
 public:
  SseClient(LaneWorld& world, int client)
      : world_(world),
        client_(client),
        connections_(world.topology, client),
        tabs_(static_cast<std::size_t>(world.scenario.sse.tabs)),
        backoff_(follows_policy(world) ? cluster_backoff(world, client) : std::nullopt) {
    const int count = world.scenario.sse.tabs;
    for (int tab = 0; tab < count; ++tab) {
      EventSource& source = tabs_[static_cast<std::size_t>(tab)];
      source.tab = tab;
      source.delivers = tab == count - 1;
    }
  }

  // The tabs open one after another, the newest last.
  void start() override {
    for (EventSource& source : tabs_) connect(source);
  }

  void send(MessageId id) override { send_by_post(world_, connections_, client_, id); }

  // EventSource.close() in every tab: the connections end and no source reconnects.
  void stop() override {
    for (EventSource& source : tabs_) {
      source.closed = true;
      world_.simulator.cancel(source.reconnect_timer);
    }
    connections_.close_all();
  }

 private:
  // What the browser reads on one connection: the HTTP response, and the event stream in its
  // chunked body.
  struct Reading {
    // A browser reads the stream as it comes and keeps none of it: no length is too long.
    // (Initialized here, not at the members: clang cannot use a nested class's member
    // initializers before the class around it is complete.)
    Reading() : response(http::kStreamedBodyLimits), events(sse::kBrowserLimits) {}

    http::ResponseParser response;
    sse::Parser events;
    std::deque<MessageId> arriving;  // messages of events whose bytes have come, oldest first
  };

  // What one tab's EventSource keeps across its connections.
  struct EventSource {
    int tab = 0;
    bool delivers = true;       // the newest tab's: its events are the lane's deliveries
    std::string last_event_id;  // sent as Last-Event-ID when it reconnects
    Nanoseconds reconnection_time = kBrowserReconnectionTime;
    EventId reconnect_timer;
    bool closed = false;  // closed by the page, or failed: it never reconnects
    std::optional<Reading> reading;
  };

  int tab_count() const { return static_cast<int>(tabs_.size()); }

  // new EventSource(url), and each reconnection: a GET whose response is the stream.
  void connect(EventSource& source) {
    connections_.acquire([this, &source](PooledConnection& connection) {
      if (source.closed) return;
      source.reading.emplace();
      source.reading->response.expect_response_to("GET");
      connection.on_frame = [this, &source, &connection](const WireFrame& frame) {
        read_stream(source, connection, frame);
      };
      connection.on_closed = [this, &source] { reconnect_later(source); };
      connection.send(stream_request(source));
    });
  }

  WireFrame stream_request(const EventSource& source) {
    const std::string& last_event_id = source.last_event_id;
    http::Fields fields{{"Accept", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    if (!last_event_id.empty()) fields.add("Last-Event-ID", last_event_id);
    std::string target = contract::with_client(info(Transport::sse).path, client_);
    if (tab_count() > 1)
      contract::append_query(target, contract::kTabKey, static_cast<std::uint64_t>(source.tab) + 1);
    WireFrame request = world_.http.request("GET", target, std::move(fields));
    // Opening a stream is paid once per connection, as a WebSocket's handshake is: setup.
    request.setup = true;
    request.note = tab_prefix(source.tab, tab_count()) +
                   (last_event_id.empty()
                        ? "the EventSource opens its stream: one request for all messages to come"
                        : "the EventSource reconnects and names the last event it had (" +
                              last_event_id + "), so the server can resend what came after");
    return request;
  }

  // Every frame of the stream goes through the HTTP parser, which strips the chunk framing, and
  // the body into the event-stream parser: what a browser does with the bytes.
  void read_stream(EventSource& source, PooledConnection& connection, const WireFrame& frame) {
    Reading& reading = *source.reading;
    for (const MessageId id : frame.messages) reading.arriving.push_back(id);
    reading.response.feed(frame.bytes);
    while (auto event = reading.response.next()) {
      if (const auto* head = std::get_if<http::Head<http::Response>>(&*event)) {
        if (!is_event_stream(head->message)) {
          fail(source, connection);
          return;
        }
        if (backoff_) backoff_->reset();
      } else if (const auto* body = std::get_if<http::BodyData>(&*event)) {
        reading.events.feed(body->data);
        take_events(source);
      } else {
        // The server ended the response: the connection is kept alive, the stream reopens.
        connections_.release(connection);
        reconnect_later(source);
        return;
      }
    }
    // Bytes that are not HTTP: a network error, so the source drops the connection and
    // reconnects once it has closed.
    if (reading.response.failed()) connection.socket().close();
  }

  void take_events(EventSource& source) {
    Reading& reading = *source.reading;
    while (auto event = reading.events.next()) {
      source.last_event_id = event->last_event_id;
      if (reading.arriving.empty()) continue;
      if (source.delivers) world_.messages.deliver(reading.arriving.front());
      reading.arriving.pop_front();
    }
    if (const auto retry = reading.events.retry_ms()) {
      source.reconnection_time = std::chrono::milliseconds{*retry};
    }
  }

  // "Fail the connection": the source is closed for good, as the spec says of any response that
  // is not a 200 event stream.
  void fail(EventSource& source, PooledConnection& connection) {
    source.closed = true;
    connection.socket().close();
  }

  // "Reestablish the connection": the stream ended or its connection dropped (the server or the
  // proxy closed it); the source waits its reconnection time, then asks again. Every browser
  // waits the same time, with no jitter: after a crash its clients come back together. A page
  // that reconnects by the cluster's policy instead (sse_follows_policy) closes the EventSource
  // and opens a new one after the policy's wait, as reconnecting-EventSource libraries do.
  void reconnect_later(EventSource& source) {
    if (source.closed) return;
    const Nanoseconds wait = backoff_ ? backoff_->next_delay() : source.reconnection_time;
    source.reconnect_timer = world_.simulator.schedule(wait, [this, &source] { connect(source); });
  }

  LaneWorld& world_;
  int client_;
  BrowserConnections connections_;
  std::vector<EventSource> tabs_;            // sized once: callbacks hold references into it
  std::optional<ReconnectBackoff> backoff_;  // with sse_follows_policy in a cluster
};

// The server: a stream per client and tab, and the events each has not confirmed.
class SseServer final : public ServerModel {
 public:
  SseServer(LaneWorld& world, EndpointId endpoint)
      : world_(world),
        endpoint_(endpoint),
        server_(
            world, endpoint,
            [this](Socket& socket, int client, const http::Request& request, const WireFrame&) {
              open_stream(socket, client, request);
            },
            [this](Socket& socket) { stream_closed(socket); }),
        tabs_(world.scenario.sse.tabs),
        streams_(static_cast<std::size_t>(world.clients()) * static_cast<std::size_t>(tabs_)) {}

  bool serves(int client) const override { return server_.has_seen(client); }

  // The event goes to every tab's stream that is open; the others get it when they reconnect.
  void push(int client, MessageId id) override {
    const std::string data = world_.messages.payload(id);
    for (int tab = 0; tab < tabs_; ++tab) {
      Stream& stream = stream_of(client, tab);
      // With a stream to resume from, the event's id is the message's, which any server can
      // find in the stream; otherwise ids count this client's events at this server.
      const std::uint64_t event_id =
          resumes_from_stream(world_.scenario) ? id : ++stream.last_event_id;
      stream.unconfirmed.push_back(
          {.event_id = event_id, .message = id, .payload_bytes = data.size()});
      if (!stream.socket) continue;  // it waits for the tab to reconnect
      PendingEvent& event = stream.unconfirmed.back();
      send_event(*stream.socket, event, data,
                 world_.notes ? tab_prefix(tab, tabs_) + "event " + std::to_string(event.event_id) +
                                    ": the message leaves as it is created, on the open stream"
                              : std::string());
    }
  }

 private:
  // An event the server has given an id, kept until the client's Last-Event-ID shows it arrived.
  struct PendingEvent {
    std::uint64_t event_id = 0;
    MessageId message = 0;
    std::size_t payload_bytes = 0;  // to send it again, even after another tab delivered it
    bool sent = false;
  };

  // The server's side, by client and tab.
  struct Stream {
    Socket* socket = nullptr;         // the open stream, if any
    std::uint64_t last_event_id = 0;  // ids count this client's events from 1
    std::deque<PendingEvent> unconfirmed;
  };

  std::size_t stream_index(int client, int tab) const {
    return static_cast<std::size_t>(client) * static_cast<std::size_t>(tabs_) +
           static_cast<std::size_t>(tab);
  }
  Stream& stream_of(int client, int tab) { return streams_[stream_index(client, tab)]; }

  void open_stream(Socket& socket, int client, const http::Request& request) {
    if (contract::path_of(request.target) != info(Transport::sse).path) return;
    const std::optional<int> tab = tab_of(request, tabs_);
    if (!tab) return;
    const std::size_t index = stream_index(client, *tab);
    Stream& stream = streams_[index];
    const std::optional<std::uint64_t> had = event_id_named(request.fields.find("Last-Event-ID"));
    forget_confirmed(stream, had);
    if (world_.resume && had && *tab == tabs_ - 1) {
      world_.resume(endpoint_, client, static_cast<MessageId>(*had));
    }
    if (stream.socket) stream_by_socket_.erase(*stream.socket);
    stream.socket = &socket;
    stream_by_socket_.set(socket, static_cast<int>(index));
    socket.send(stream_head());
    socket.send(retry_event());
    for (PendingEvent& event : stream.unconfirmed) {
      send_event(socket, event, message_payload(event.message, event.payload_bytes),
                 world_.notes ? tab_prefix(*tab, tabs_) + resend_note(event, had) : std::string());
    }
  }

  // Everything up to the Last-Event-ID has reached the client: it need not be kept any more.
  static void forget_confirmed(Stream& stream, std::optional<std::uint64_t> had) {
    if (!had) return;
    while (!stream.unconfirmed.empty() && stream.unconfirmed.front().event_id <= *had) {
      stream.unconfirmed.pop_front();
    }
  }

  void stream_closed(const Socket& socket) {
    const std::optional<int> index = stream_by_socket_.find(socket);
    if (!index) return;  // a POST's connection
    streams_[static_cast<std::size_t>(*index)].socket = nullptr;
    stream_by_socket_.erase(socket);
  }

  WireFrame stream_head() const {
    WireFrame head = world_.http.streamed_response_head(
        200, {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}});
    head.note = "the stream opens: this response does not end, each event is a chunk of its body";
    head.setup = true;
    return head;
  }

  WireFrame retry_event() const {
    const auto retry =
        std::chrono::duration_cast<std::chrono::milliseconds>(world_.scenario.sse.retry);
    return {
        .layer = Layer::sse,
        .kind = "retry",
        .setup = true,  // part of opening the stream
        .bytes = HttpFrames::chunk(sse::encode_retry(static_cast<std::uint64_t>(retry.count()))),
        .note = "the reconnection time: if the stream drops, the client waits " +
                duration_text(world_.scenario.sse.retry) + ", then asks again"};
  }

  void send_event(Socket& socket, PendingEvent& event, std::string data, std::string note) {
    const sse::Event encoded{.data = std::move(data), .id = std::to_string(event.event_id)};
    event.sent = true;
    socket.send({.layer = Layer::sse,
                 .kind = "event",
                 .bytes = HttpFrames::chunk(sse::encode(encoded)),
                 .messages = {event.message},
                 .note = std::move(note)});
  }

  // Why an event goes out on a new stream: the request's Last-Event-ID said the client lacks it.
  static std::string resend_note(const PendingEvent& event, std::optional<std::uint64_t> had) {
    const std::string client_had =
        !had ? "the client names no event it has had"
             : "the client has had events up to " + std::to_string(*had) + " (Last-Event-ID)";
    const std::string id = "event " + std::to_string(event.event_id);
    return event.sent ? id + " again: it went out on the stream that dropped, and " + client_had
                      : id + " waited at the server while the client had no stream; " + client_had;
  }

  LaneWorld& world_;
  EndpointId endpoint_;
  HttpServer server_;
  int tabs_;                         // of the page, in each client's browser
  std::vector<Stream> streams_;      // by client and tab
  ClientBySocket stream_by_socket_;  // which of streams_ a socket carries
};

}  // namespace

LaneModels make_sse(LaneWorld& world) {
  return make_models<SseServer, SseClient>(world);
}

}  // namespace pushlab::sim
