#include "sim/transports/websocket_client.hpp"

#include "sim/transports/cluster_backoff.hpp"
#include "sim/transports/stream_resume.hpp"

#include "sim/net/duration_text.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/transports/random_streams.hpp"
#include "sim/transports/websocket_frames.hpp"
#include "sim/wire/http/parse_one.hpp"
#include "sim/wire/http/serialize.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/handshake.hpp"

namespace pushlab::sim {

namespace http = wire::http;
namespace ws = wire::websocket;

namespace {

// A browser's WebSocket does not reconnect by itself: onclose fires with 1006 and the page must
// open a new one. Libraries do it for the page (socket.io, reconnecting-websocket) after a short
// first delay, about a second, growing on repeated failures so a restarting server is not
// stormed. One outage here needs only the first step.
constexpr Nanoseconds kReconnectDelay = std::chrono::seconds{1};

// How long past a ping interval a page waits for the server's next ping before it takes the
// connection for dead: Engine.IO's pingTimeout default, 20 s (its client gives up after
// pingInterval + pingTimeout without a ping). Only a heartbeat finds a server that vanished
// without FIN or RST; TCP keepalive's first probe comes after 2 h.
constexpr Nanoseconds kPingTimeout = std::chrono::seconds{20};

}  // namespace

WebSocketClient::WebSocketClient(LaneWorld& world, int client)
    : world_(world), client_(client), backoff_(cluster_backoff(world, client)) {}

// Alone, a library's first step; in a cluster, the scenario's policy.
Nanoseconds WebSocketClient::next_reconnect_delay() {
  return backoff_ ? backoff_->next_delay() : kReconnectDelay;
}

void WebSocketClient::start() {
  open_connection(
      "the opening handshake: an HTTP GET asking to switch to WebSocket "
      "(Upgrade: websocket), with a random Sec-WebSocket-Key");
}

// Sent at once on an open socket; otherwise it waits in the browser until the socket opens.
void WebSocketClient::send(MessageId id) {
  if (latest_ != nullptr && latest_->phase == ClientConnection::Phase::open) {
    send_text(*latest_, id, "");
  } else {
    outbox_.push_back(id);
  }
}

void WebSocketClient::stop() {
  stopped_ = true;
  if (reconnect_) world_.simulator.cancel(*reconnect_);
  reconnect_.reset();
  if (heartbeat_) world_.simulator.cancel(*heartbeat_);
  heartbeat_.reset();
  if (latest_ != nullptr) close_connection(*latest_);
}

void WebSocketClient::open_connection(std::string why) {
  ClientConnection& connection = *connections_.emplace_back(
      std::make_unique<ClientConnection>(world_.topology.connect_client(client_), world_.tls()));
  latest_ = &connection;
  connection.socket.keep_cookies(world_.topology.cookie_jar(client_));
  connection.socket.on_receive(
      [this, &connection](const WireFrame& frame) { received(connection, frame); });
  connection.socket.on_peer_closed([this, &connection] { peer_closed(connection); });
  connection.socket.connect(
      [this, &connection, why = std::move(why)] { send_handshake(connection, why); });
}

void WebSocketClient::send_handshake(ClientConnection& connection, const std::string& why) {
  if (connection.phase != ClientConnection::Phase::connecting) return;  // closed meanwhile
  connection.key = ws::make_key(random_nonce(world_.rng));
  const ws::HandshakeRequestOptions options{
      .host = std::string(world_.scenario.http.host()),
      .target = handshake_target(),
      .extra_fields = fields_of(world_.scenario.http.request_headers)};
  connection.phase = ClientConnection::Phase::handshaking;
  connection.socket.send({.layer = Layer::http,
                          .kind = "request",
                          .setup = true,
                          .bytes = http::serialize(ws::handshake_request(connection.key, options)),
                          .note = why});
}

void WebSocketClient::received(ClientConnection& connection, const WireFrame& frame) {
  using Phase = ClientConnection::Phase;
  if (connection.phase == Phase::handshaking) {
    read_handshake_response(connection, frame);
    return;
  }
  if (connection.phase != Phase::open && connection.phase != Phase::closing) return;
  connection.decoder.feed(frame.bytes);
  while (auto decoded = connection.decoder.next()) {
    read_frame(connection, decoded->frame, frame);
  }
  if (const auto& error = connection.decoder.error()) {
    connection.phase = Phase::ended;
    connection.close_tcp("FIN: the browser fails the connection, the server's frames are broken: " +
                         error->reason);
  }
}

// Section 4.1: anything but a 101 with the right Sec-WebSocket-Accept fails the connection.
void WebSocketClient::read_handshake_response(ClientConnection& connection,
                                              const WireFrame& frame) {
  const std::optional<http::Response> response = http::parse_response(frame.bytes);
  const std::optional<std::string> problem =
      response ? ws::check_handshake_response(*response, connection.key)
               : std::optional<std::string>("the answer is not an HTTP response");
  if (problem) {
    fail_handshake(connection, *problem, response);
    return;
  }
  connection.phase = ClientConnection::Phase::open;
  if (backoff_) backoff_->reset();
  expect_ping(connection);
  std::vector<MessageId> outbox = std::move(outbox_);
  outbox_.clear();
  for (const MessageId id : outbox) {
    send_text(connection, id, "; it waited in the browser until the socket opened");
  }
}

// Retrying would meet the same proxy and fail the same way, so the client gives up: nothing
// reaches it over WebSocket (a library like socket.io falls back to long polling here).
void WebSocketClient::fail_handshake(ClientConnection& connection, const std::string& problem,
                                     const std::optional<http::Response>& response) {
  std::string note = "FIN: the handshake failed, " + problem;
  if (response && !response->body.empty()) {
    std::string body(wire::as_text(response->body));
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
    note += "; its body says: " + body;
  }
  if (response && response->status == 400) {
    note +=
        ". A proxy that does not know WebSocket drops the hop-by-hop Upgrade and "
        "Connection fields, so the server saw a plain GET";
  }
  note +=
      ". The browser fails the WebSocket connection (onerror, then onclose with 1006) and "
      "nothing is delivered to or from it";
  connection.phase = ClientConnection::Phase::ended;
  connection.close_tcp(std::move(note));
}

// With a stream to resume from, every handshake after the first says what the page has.
std::string WebSocketClient::handshake_target() {
  std::string target = contract::with_client(info(Transport::websocket).path, client_);
  if (resumes_from_stream(world_.scenario) && handshakes_++ > 0) {
    append_resume_point(target, last_received_);
  }
  return target;
}

void WebSocketClient::read_frame(ClientConnection& connection, const ws::Frame& frame,
                                 const WireFrame& carrier) {
  if (delivered_data(world_.messages, frame, carrier)) {
    for (const MessageId id : carrier.messages) note_received(last_received_, id);
    return;
  }
  if (frame.header.opcode == ws::Opcode::ping) {
    if (connection.phase == ClientConnection::Phase::open) {
      send_pong(connection, frame);
      expect_ping(connection);
    }
  } else if (frame.header.opcode == ws::Opcode::close) {
    read_close(connection, frame);
  }
}

// Section 5.5.2: the browser answers a ping itself, with the ping's payload; the page never
// sees either.
void WebSocketClient::send_pong(ClientConnection& connection, const ws::Frame& ping) {
  const ws::MaskingKey key = random_masking_key(world_.rng);
  connection.socket.send(websocket_frame(
      ws::pong_frame(ping.payload, &key),
      "pong: the browser answers the server's ping by itself, masked like every client frame"));
}

// The server's answer to our close: now wait for it to close TCP. A close the server started
// is echoed (section 5.5.1).
void WebSocketClient::read_close(ClientConnection& connection, const ws::Frame& frame) {
  connection.close_received = true;
  if (connection.phase != ClientConnection::Phase::open) return;
  const ws::ParsedClose parsed = ws::parse_close_payload(frame.payload);
  const std::uint16_t code = parsed.close.code.value_or(ws::close_code::normal);
  const ws::MaskingKey key = random_masking_key(world_.rng);
  connection.phase = ClientConnection::Phase::closing;
  connection.close_code = code;
  connection.socket.send(websocket_close_frame(
      code, &key,
      "close " + close_code_text(code) + ": the browser echoes the server's close frame"));
}

void WebSocketClient::peer_closed(ClientConnection& connection) {
  using Phase = ClientConnection::Phase;
  if (connection.phase == Phase::ended) return;  // it closed first
  if (connection.phase == Phase::closing && connection.close_received) {
    connection.phase = Phase::ended;
    connection.close_tcp(
        "FIN: the client closes last, after the server's FIN, which ends the close handshake "
        "(RFC 6455 section 7.1.1)");
    if (connection.close_code == ws::close_code::going_away) reconnect_later(connection, "");
    return;
  }
  closed_abnormally(connection);
}

// Section 7.1.5: a connection that ends without a close frame has closed with 1006.
void WebSocketClient::closed_abnormally(ClientConnection& connection) {
  connection.phase = ClientConnection::Phase::ended;
  std::string note = "FIN: closed without a close frame: code 1006 Abnormal Closure";
  if (stopped_ || latest_ != &connection) {
    connection.close_tcp(std::move(note));
    return;
  }
  reconnect_later(connection, std::move(note));
}

// In a cluster, where a server may vanish (a partition), with pings to count on.
void WebSocketClient::expect_ping(ClientConnection& connection) {
  const Nanoseconds interval = world_.scenario.websocket.ping_interval;
  if (!backoff_ || interval <= Nanoseconds{0}) return;
  if (heartbeat_) world_.simulator.cancel(*heartbeat_);
  heartbeat_ = world_.simulator.schedule(interval + kPingTimeout,
                                         [this, &connection] { heartbeat_lost(connection); });
}

void WebSocketClient::heartbeat_lost(ClientConnection& connection) {
  heartbeat_.reset();
  if (connection.phase != ClientConnection::Phase::open || latest_ != &connection) return;
  connection.phase = ClientConnection::Phase::ended;
  reconnect_later(connection,
                  "FIN: no ping from the server for " +
                      duration_text(world_.scenario.websocket.ping_interval + kPingTimeout) +
                      " (the ping interval and a 20 s ping timeout): the page takes the "
                      "connection for dead");
}

// After 1006, or a server's 1001 Going Away: the page opens a new WebSocket after its wait.
// A `note` that is not empty is the FIN closing this connection; the wait is added to it.
void WebSocketClient::reconnect_later(ClientConnection& connection, std::string note) {
  if (stopped_ || latest_ != &connection) return;
  const Nanoseconds delay = next_reconnect_delay();
  std::string when = "the client reconnects in " + duration_text(delay) + " with a new handshake";
  if (backoff_) {
    when += " (" + std::string(kReconnectPolicies(world_.scenario.cluster->reconnect.policy)) +
            ", attempt " + std::to_string(backoff_->attempts()) + ")";
  }
  if (!note.empty()) connection.close_tcp(std::move(note) + "; " + when);
  const bool going_away = connection.close_code == ws::close_code::going_away;
  reconnect_ = world_.simulator.schedule(delay, [this, going_away] {
    reconnect_.reset();
    open_connection(going_away
                        ? "a new opening handshake: the server went away (1001), so the client "
                          "reconnects"
                        : "a new opening handshake: the last connection closed without a close "
                          "frame (1006 Abnormal Closure), so the client reconnects");
  });
}

// The page is done: the close handshake on an open connection, else just TCP's FIN.
void WebSocketClient::close_connection(ClientConnection& connection) {
  using Phase = ClientConnection::Phase;
  if (connection.phase == Phase::open) {
    const ws::MaskingKey key = random_masking_key(world_.rng);
    connection.phase = Phase::closing;
    connection.socket.send(websocket_close_frame(
        ws::close_code::normal, &key,
        "close " + close_code_text(ws::close_code::normal) +
            ": the client is done; it waits for the server's close frame and its FIN"));
  } else if (connection.phase == Phase::connecting || connection.phase == Phase::handshaking) {
    connection.phase = Phase::ended;
    connection.close_tcp("FIN: the page closed before the handshake completed");
  }
}

void WebSocketClient::send_text(ClientConnection& connection, MessageId id,
                                std::string_view waited) {
  const ws::MaskingKey key = random_masking_key(world_.rng);
  const ws::Frame frame = ws::text_frame(world_.messages.payload(id), &key);
  WireFrame wire = websocket_frame(
      frame, world_.notes
                 ? "a message in a text frame from the browser: " + header_cost(frame) +
                       ", masked with a fresh key (RFC 6455 section 5.3)" + std::string(waited)
                 : std::string());
  wire.messages = {id};
  connection.socket.send(std::move(wire));
}

}  // namespace pushlab::sim
