// Server-Sent Events (WHATWG HTML, section 9.2): the browser's EventSource sends one GET, and the
// server answers with a response that does not end, a text/event-stream whose body carries one
// event per message, each a chunk of its own. A message reaches the client one transit after it
// is created, with no request of its own. When the connection drops (a proxy closes it as idle),
// the client waits the reconnection time the server announced and asks again with
// Last-Event-ID; the server resends every event after that one, so nothing is lost. Messages
// from the client go by POST, on a second connection.

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
#include "sim/transports/http_server.hpp"
#include "sim/transports/send_by_post.hpp"
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

// The event a Last-Event-ID names; 0, before the first, for none or one the server never gave.
std::uint64_t event_id_named(const std::string* last_event_id) {
  if (!last_event_id) return 0;
  std::uint64_t id = 0;
  const char* end = last_event_id->data() + last_event_id->size();
  const auto [stop, error] = std::from_chars(last_event_id->data(), end, id);
  return error == std::errc{} && stop == end ? id : 0;
}

// What an EventSource accepts as a stream: 200 with Content-Type text/event-stream, parameters
// ignored. Anything else (a proxy's 504) fails the connection for good.
bool is_event_stream(const http::Response& response) {
  const std::string* type = response.fields.find("Content-Type");
  if (response.status != 200 || !type) return false;
  const std::string_view media_type = std::string_view(*type).substr(0, type->find(';'));
  return http::iequals(http::trim_ows(media_type), "text/event-stream");
}

class ServerSentEvents final : public TransportModel {
 public:
  explicit ServerSentEvents(LaneWorld& world)
      : world_(world),
        server_(
            world,
            [this](Socket& socket, int client, const http::Request& request, const WireFrame&) {
              open_stream(socket, client, request);
            },
            [this](Socket& socket) { stream_closed(socket); }) {
    for (int client = 0; client < world.clients(); ++client) {
      sources_.push_back(std::make_unique<EventSource>(world.topology, client));
    }
    streams_.resize(static_cast<std::size_t>(world.clients()));
  }

  void start_client(int client) override { connect(client); }

  void push(int client, MessageId id) override {
    Stream& stream = streams_[static_cast<std::size_t>(client)];
    stream.unconfirmed.push_back({.event_id = ++stream.last_event_id, .message = id});
    if (!stream.socket) return;  // it waits for the client to reconnect
    PendingEvent& event = stream.unconfirmed.back();
    send_event(*stream.socket, event,
               world_.notes ? "event " + std::to_string(event.event_id) +
                                  ": the message leaves as it is created, on the open stream"
                            : std::string());
  }

  void send(int client, MessageId id) override {
    send_by_post(world_, at(client).connections, client, id);
  }

  // EventSource.close(): the connection ends and the source never reconnects.
  void stop_client(int client) override {
    EventSource& source = at(client);
    source.closed = true;
    world_.simulator.cancel(source.reconnect_timer);
    source.connections.close_all();
  }

 private:
  // What the browser reads on one connection: the HTTP response, and the event stream in its
  // chunked body.
  struct Reading {
    http::ResponseParser response;
    sse::Parser events;
    std::deque<MessageId> arriving;  // messages of events whose bytes have come, oldest first
  };

  // The browser's side: what an EventSource keeps across its connections.
  struct EventSource {
    EventSource(Topology& topology, int index) : connections(topology, index) {}
    BrowserConnections connections;
    std::string last_event_id;  // sent as Last-Event-ID when it reconnects
    Nanoseconds reconnection_time = kBrowserReconnectionTime;
    EventId reconnect_timer;
    bool closed = false;  // closed by the page, or failed: it never reconnects
    std::optional<Reading> reading;
  };

  // An event the server has given an id, kept until the client's Last-Event-ID shows it arrived.
  struct PendingEvent {
    std::uint64_t event_id = 0;
    MessageId message = 0;
    bool sent = false;
  };

  // The server's side, by client.
  struct Stream {
    Socket* socket = nullptr;         // the open stream, if any
    std::uint64_t last_event_id = 0;  // ids count this client's events from 1
    std::deque<PendingEvent> unconfirmed;
  };

  EventSource& at(int client) { return *sources_[static_cast<std::size_t>(client)]; }

  // --- the client ---

  // new EventSource(url), and each reconnection: a GET whose response is the stream.
  void connect(int client) {
    EventSource& source = at(client);
    source.connections.acquire([this, client, &source](PooledConnection& connection) {
      if (source.closed) return;
      source.reading.emplace();
      source.reading->response.expect_response_to("GET");
      connection.on_frame = [this, client, &connection](const WireFrame& frame) {
        read_stream(client, connection, frame);
      };
      connection.on_closed = [this, client] { reconnect_later(client); };
      connection.send(stream_request(client));
    });
  }

  WireFrame stream_request(int client) {
    const std::string& last_event_id = at(client).last_event_id;
    http::Fields fields{{"Accept", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    if (!last_event_id.empty()) fields.add("Last-Event-ID", last_event_id);
    WireFrame request =
        world_.http.request("GET", with_client("/events", client), std::move(fields));
    request.note = last_event_id.empty()
                       ? "the EventSource opens its stream: one request for all messages to come"
                       : "the EventSource reconnects and names the last event it had (" +
                             last_event_id + "), so the server can resend what came after";
    return request;
  }

  // Every frame of the stream goes through the HTTP parser, which strips the chunk framing, and
  // the body into the event-stream parser: what a browser does with the bytes.
  void read_stream(int client, PooledConnection& connection, const WireFrame& frame) {
    EventSource& source = at(client);
    Reading& reading = *source.reading;
    for (const MessageId id : frame.messages) reading.arriving.push_back(id);
    reading.response.feed(frame.bytes);
    while (auto event = reading.response.next()) {
      if (const auto* head = std::get_if<http::Head<http::Response>>(&*event)) {
        if (!is_event_stream(head->message)) {
          fail(source, connection);
          return;
        }
      } else if (const auto* body = std::get_if<http::BodyData>(&*event)) {
        reading.events.feed(body->data);
        take_events(source);
      } else {
        // The server ended the response: the connection is kept alive, the stream reopens.
        source.connections.release(connection);
        reconnect_later(client);
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
      world_.messages.deliver(reading.arriving.front());
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
  // proxy closed it); the source waits its reconnection time, then asks again.
  void reconnect_later(int client) {
    EventSource& source = at(client);
    if (source.closed) return;
    source.reconnect_timer =
        world_.simulator.schedule(source.reconnection_time, [this, client] { connect(client); });
  }

  // --- the server ---

  void open_stream(Socket& socket, int client, const http::Request& request) {
    if (!request.target.starts_with("/events")) return;
    Stream& stream = streams_[static_cast<std::size_t>(client)];
    const std::uint64_t had = event_id_named(request.fields.find("Last-Event-ID"));
    forget_confirmed(stream, had);
    if (stream.socket) client_by_stream_.erase(*stream.socket);
    stream.socket = &socket;
    client_by_stream_.set(socket, client);
    socket.send(stream_head());
    socket.send(retry_event());
    for (PendingEvent& event : stream.unconfirmed) {
      send_event(socket, event, world_.notes ? resend_note(event, had) : std::string());
    }
  }

  // Everything up to the Last-Event-ID has reached the client: it need not be kept any more.
  static void forget_confirmed(Stream& stream, std::uint64_t had) {
    while (!stream.unconfirmed.empty() && stream.unconfirmed.front().event_id <= had) {
      stream.unconfirmed.pop_front();
    }
  }

  void stream_closed(const Socket& socket) {
    const std::optional<int> client = client_by_stream_.find(socket);
    if (!client) return;  // a POST's connection
    streams_[static_cast<std::size_t>(*client)].socket = nullptr;
    client_by_stream_.erase(socket);
  }

  WireFrame stream_head() const {
    WireFrame head = world_.http.streamed_response_head(
        200, {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}});
    head.note = "the stream opens: this response does not end, each event is a chunk of its body";
    return head;
  }

  WireFrame retry_event() const {
    const auto retry =
        std::chrono::duration_cast<std::chrono::milliseconds>(world_.scenario.sse.retry);
    return {
        .layer = Layer::sse,
        .kind = "retry",
        .bytes = HttpFrames::chunk(sse::encode_retry(static_cast<std::uint64_t>(retry.count()))),
        .note = "the reconnection time: if the stream drops, the client waits " +
                duration_text(world_.scenario.sse.retry) + ", then asks again"};
  }

  void send_event(Socket& socket, PendingEvent& event, std::string note) {
    const sse::Event encoded{.data = world_.messages.payload(event.message),
                             .id = std::to_string(event.event_id)};
    event.sent = true;
    socket.send({.layer = Layer::sse,
                 .kind = "event",
                 .bytes = HttpFrames::chunk(sse::encode(encoded)),
                 .messages = {event.message},
                 .note = std::move(note)});
  }

  // Why an event goes out on a new stream: the request's Last-Event-ID said the client lacks it.
  static std::string resend_note(const PendingEvent& event, std::uint64_t had) {
    const std::string client_had =
        had == 0 ? "the client names no event it has had"
                 : "the client has had events up to " + std::to_string(had) + " (Last-Event-ID)";
    const std::string id = "event " + std::to_string(event.event_id);
    return event.sent ? id + " again: it went out on the stream that dropped, and " + client_had
                      : id + " waited at the server while the client had no stream; " + client_had;
  }

  LaneWorld& world_;
  HttpServer server_;
  std::vector<std::unique_ptr<EventSource>> sources_;  // by client
  std::vector<Stream> streams_;                        // at the server, by client
  ClientBySocket client_by_stream_;
};

}  // namespace

std::unique_ptr<TransportModel> make_sse(LaneWorld& world) {
  return std::make_unique<ServerSentEvents>(world);
}

}  // namespace pushlab::sim
