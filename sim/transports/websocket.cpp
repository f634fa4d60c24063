// WebSocket (RFC 6455): each client opens one connection and asks, in an HTTP GET with
// `Upgrade: websocket`, to switch protocols; after the server's 101 Switching Protocols both
// sides send frames whenever they like. A message then costs a frame header of 2 to 14 bytes
// and one transit. What can go wrong is the connection itself: a proxy that does not know
// WebSocket strips the Upgrade header (the server refuses the handshake), and a proxy closes a
// connection that stays silent too long (the server's pings prevent it; without them the client
// reconnects).

#include <deque>
#include <optional>
#include <vector>

#include "sim/net/duration_text.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/transports/http_server.hpp"
#include "sim/transports/transport_model.hpp"
#include "sim/wire/http/parse_one.hpp"
#include "sim/wire/http/parser.hpp"
#include "sim/wire/http/serialize.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"
#include "sim/wire/websocket/handshake.hpp"

namespace pushlab::sim {

namespace {

namespace http = wire::http;
namespace ws = wire::websocket;

// A browser's WebSocket does not reconnect by itself: onclose fires with 1006 and the page must
// open a new one. Libraries do it for the page (socket.io, reconnecting-websocket) after a short
// first delay, about a second, growing on repeated failures so a restarting server is not
// stormed. One outage here needs only the first step.
constexpr Nanoseconds kReconnectDelay = std::chrono::seconds{1};

ws::KeyNonce random_nonce(Rng& rng) {
  ws::KeyNonce nonce{};
  for (std::size_t i = 0; i < nonce.size(); i += 8) {
    const std::uint64_t bits = rng.next_u64();
    for (std::size_t b = 0; b < 8; ++b) nonce[i + b] = static_cast<std::uint8_t>(bits >> (8 * b));
  }
  return nonce;
}

// Section 5.3: a fresh, unpredictable key for every frame a client sends.
ws::MaskingKey random_masking_key(Rng& rng) {
  const std::uint64_t bits = rng.next_u64();
  ws::MaskingKey key{};
  for (std::size_t b = 0; b < key.size(); ++b) key[b] = static_cast<std::uint8_t>(bits >> (8 * b));
  return key;
}

// The whole response the bytes begin with, body included (a rejection explains itself there).
std::optional<http::Response> read_response(wire::ByteView bytes) {
  http::ResponseParser parser;
  parser.feed(bytes);
  std::optional<http::WholeResponse> whole = parser.next_message();
  if (!whole) return std::nullopt;
  return std::move(whole->message);
}

std::string header_cost(const ws::Frame& frame) {
  const std::size_t size = ws::header_size(frame.header);
  return std::to_string(size) + (size == 1 ? " byte" : " bytes") + " of header";
}

// The frame's kind is its opcode's name: "text", "ping", "pong", "close".
WireFrame websocket_frame(const ws::Frame& frame, std::string note) {
  return {.layer = Layer::websocket,
          .kind = std::string(ws::to_string(frame.header.opcode)),
          .bytes = ws::encode_frame(frame),
          .note = std::move(note)};
}

WireFrame close_frame(std::uint16_t code, const ws::MaskingKey* key, std::string note) {
  return websocket_frame(ws::close_frame({.code = code, .reason = {}}, key), std::move(note));
}

std::string close_text(std::uint16_t code) {
  return std::to_string(code) + " " + std::string(ws::close_code_name(code));
}

// One connection a client opened. A reconnect opens another; the old one is kept, since its TCP
// connection may still call back into it until the run ends.
struct ClientConnection {
  enum class Phase { connecting, handshaking, open, closing, ended };

  ClientConnection(TcpConnection& tcp, bool tls) : socket(tcp, Side::opener, tls) {}

  void close_tcp(std::string note) { socket.connection().close(Side::opener, std::move(note)); }

  Socket socket;
  Phase phase = Phase::connecting;
  std::string key;  // Sec-WebSocket-Key of its handshake
  bool close_received = false;
  ws::FrameDecoder decoder{{.role = ws::Role::client}};
};

// The server's end of one connection.
struct ServerConnection {
  ServerConnection(TcpConnection& tcp, bool tls) : socket(tcp, Side::acceptor, tls) {}

  void close_tcp(std::string note) { socket.connection().close(Side::acceptor, std::move(note)); }

  Socket socket;
  std::optional<int> client;  // set once its handshake is accepted
  bool close_sent = false;
  ws::FrameDecoder decoder{{.role = ws::Role::server}};
};

class WebSocket final : public TransportModel {
 public:
  explicit WebSocket(LaneWorld& world)
      : world_(world),
        clients_(static_cast<std::size_t>(world.clients())),
        at_server_(static_cast<std::size_t>(world.clients())) {
    world_.topology.listen(world_.topology.server(),
                           [this](TcpConnection& connection) { accept(connection); });
  }

  void start_client(int client) override {
    open_connection(client,
                    "the opening handshake: an HTTP GET asking to switch to WebSocket "
                    "(Upgrade: websocket), with a random Sec-WebSocket-Key");
  }

  // Sent at once on an open connection; otherwise it waits at the server for the next 101.
  void push(int client, MessageId id) override {
    AtServer& server = at_server(client);
    if (server.open != nullptr) {
      server_send_text(*server.open, id, "");
    } else {
      server.waiting.push_back(id);
    }
  }

  // Sent at once on an open socket; otherwise it waits in the browser until the socket opens.
  void send(int client, MessageId id) override {
    ClientConnection* connection = at(client).connection;
    if (connection != nullptr && connection->phase == ClientConnection::Phase::open) {
      client_send_text(*connection, id, "");
    } else {
      at(client).outbox.push_back(id);
    }
  }

  void stop_client(int client) override {
    Client& state = at(client);
    state.stopped = true;
    if (state.reconnect) world_.simulator.cancel(*state.reconnect);
    state.reconnect.reset();
    if (state.connection != nullptr) close_connection(*state.connection);
  }

 private:
  struct Client {
    ClientConnection* connection = nullptr;  // the latest one
    std::vector<MessageId> outbox;           // messages waiting for the socket to open
    std::optional<EventId> reconnect;
    bool stopped = false;
  };

  // What the server keeps for each client.
  struct AtServer {
    ServerConnection* open = nullptr;  // the client's upgraded connection, while it lasts
    std::vector<MessageId> waiting;    // messages for the client while it has none
  };

  Client& at(int client) { return clients_[static_cast<std::size_t>(client)]; }
  AtServer& at_server(int client) { return at_server_[static_cast<std::size_t>(client)]; }

  // --- the browser -------------------------------------------------------------------------

  void open_connection(int client, std::string why) {
    ClientConnection& connection = *client_connections_.emplace_back(
        std::make_unique<ClientConnection>(world_.topology.connect_client(client), world_.tls()));
    at(client).connection = &connection;
    connection.socket.on_receive([this, client, &connection](const WireFrame& frame) {
      client_received(client, connection, frame);
    });
    connection.socket.on_peer_closed(
        [this, client, &connection] { client_peer_closed(client, connection); });
    connection.socket.connect([this, client, &connection, why = std::move(why)] {
      send_handshake(client, connection, why);
    });
  }

  void send_handshake(int client, ClientConnection& connection, const std::string& why) {
    if (connection.phase != ClientConnection::Phase::connecting) return;  // closed meanwhile
    connection.key = ws::make_key(random_nonce(world_.rng));
    const ws::HandshakeRequestOptions options{
        .host = std::string(world_.scenario.http.host()),
        .target = contract::with_client(info(Transport::websocket).path, client),
        .extra_fields = fields_of(world_.scenario.http.request_headers)};
    connection.phase = ClientConnection::Phase::handshaking;
    connection.socket.send(
        {.layer = Layer::http,
         .kind = "request",
         .setup = true,
         .bytes = http::serialize(ws::handshake_request(connection.key, options)),
         .note = why});
  }

  void client_received(int client, ClientConnection& connection, const WireFrame& frame) {
    using Phase = ClientConnection::Phase;
    if (connection.phase == Phase::handshaking) {
      read_handshake_response(client, connection, frame);
      return;
    }
    if (connection.phase != Phase::open && connection.phase != Phase::closing) return;
    connection.decoder.feed(frame.bytes);
    while (auto decoded = connection.decoder.next()) {
      client_read_frame(connection, decoded->frame, frame);
    }
    if (const auto& error = connection.decoder.error()) {
      connection.phase = Phase::ended;
      connection.close_tcp(
          "FIN: the browser fails the connection, the server's frames are broken: " +
          error->reason);
    }
  }

  // Section 4.1: anything but a 101 with the right Sec-WebSocket-Accept fails the connection.
  void read_handshake_response(int client, ClientConnection& connection, const WireFrame& frame) {
    const std::optional<http::Response> response = read_response(frame.bytes);
    const std::optional<std::string> problem =
        response ? ws::check_handshake_response(*response, connection.key)
                 : std::optional<std::string>("the answer is not an HTTP response");
    if (problem) {
      fail_handshake(connection, *problem, response);
      return;
    }
    connection.phase = ClientConnection::Phase::open;
    std::vector<MessageId> outbox = std::move(at(client).outbox);
    at(client).outbox.clear();
    for (const MessageId id : outbox) {
      client_send_text(connection, id, "; it waited in the browser until the socket opened");
    }
  }

  // Retrying would meet the same proxy and fail the same way, so the client gives up: nothing
  // reaches it over WebSocket (a library like socket.io falls back to long polling here).
  void fail_handshake(ClientConnection& connection, const std::string& problem,
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

  void client_read_frame(ClientConnection& connection, const ws::Frame& frame,
                         const WireFrame& carrier) {
    switch (frame.header.opcode) {
      case ws::Opcode::text:
      case ws::Opcode::binary:
        for (const MessageId id : carrier.messages) world_.messages.deliver(id);
        break;
      case ws::Opcode::ping:
        if (connection.phase == ClientConnection::Phase::open) send_pong(connection, frame);
        break;
      case ws::Opcode::close:
        client_read_close(connection, frame);
        break;
      default:
        break;
    }
  }

  // Section 5.5.2: the browser answers a ping itself, with the ping's payload; the page never
  // sees either.
  void send_pong(ClientConnection& connection, const ws::Frame& ping) {
    const ws::MaskingKey key = random_masking_key(world_.rng);
    connection.socket.send(websocket_frame(
        ws::pong_frame(ping.payload, &key),
        "pong: the browser answers the server's ping by itself, masked like every client frame"));
  }

  // The server's answer to our close: now wait for it to close TCP. A close the server started
  // is echoed (section 5.5.1).
  void client_read_close(ClientConnection& connection, const ws::Frame& frame) {
    connection.close_received = true;
    if (connection.phase != ClientConnection::Phase::open) return;
    const ws::ParsedClose parsed = ws::parse_close_payload(frame.payload);
    const std::uint16_t code = parsed.close.code.value_or(ws::close_code::normal);
    const ws::MaskingKey key = random_masking_key(world_.rng);
    connection.phase = ClientConnection::Phase::closing;
    connection.socket.send(close_frame(
        code, &key, "close " + close_text(code) + ": the browser echoes the server's close frame"));
  }

  void client_peer_closed(int client, ClientConnection& connection) {
    using Phase = ClientConnection::Phase;
    if (connection.phase == Phase::ended) return;  // it closed first
    if (connection.phase == Phase::closing && connection.close_received) {
      connection.phase = Phase::ended;
      connection.close_tcp(
          "FIN: the client closes last, after the server's FIN, which ends the close handshake "
          "(RFC 6455 section 7.1.1)");
      return;
    }
    closed_abnormally(client, connection);
  }

  // Section 7.1.5: a connection that ends without a close frame has closed with 1006.
  void closed_abnormally(int client, ClientConnection& connection) {
    connection.phase = ClientConnection::Phase::ended;
    std::string note = "FIN: closed without a close frame: code 1006 Abnormal Closure";
    Client& state = at(client);
    if (state.stopped || state.connection != &connection) {
      connection.close_tcp(std::move(note));
      return;
    }
    note +=
        "; the client reconnects in " + duration_text(kReconnectDelay) + " with a new handshake";
    connection.close_tcp(std::move(note));
    state.reconnect = world_.simulator.schedule(kReconnectDelay, [this, client] {
      at(client).reconnect.reset();
      open_connection(client,
                      "a new opening handshake: the last connection closed without a close frame "
                      "(1006 Abnormal Closure), so the client reconnects");
    });
  }

  // The page is done: the close handshake on an open connection, else just TCP's FIN.
  void close_connection(ClientConnection& connection) {
    using Phase = ClientConnection::Phase;
    if (connection.phase == Phase::open) {
      const ws::MaskingKey key = random_masking_key(world_.rng);
      connection.phase = Phase::closing;
      connection.socket.send(close_frame(
          ws::close_code::normal, &key,
          "close " + close_text(ws::close_code::normal) +
              ": the client is done; it waits for the server's close frame and its FIN"));
    } else if (connection.phase == Phase::connecting || connection.phase == Phase::handshaking) {
      connection.phase = Phase::ended;
      connection.close_tcp("FIN: the page closed before the handshake completed");
    }
  }

  void client_send_text(ClientConnection& connection, MessageId id, std::string_view waited) {
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

  // --- the server ----------------------------------------------------------------------------

  void accept(TcpConnection& tcp) {
    ServerConnection& connection =
        *server_connections_.emplace_back(std::make_unique<ServerConnection>(tcp, world_.tls()));
    connection.socket.on_receive(
        [this, &connection](const WireFrame& frame) { server_received(connection, frame); });
    connection.socket.on_peer_closed([this, &connection] { server_peer_closed(connection); });
  }

  void server_received(ServerConnection& connection, const WireFrame& frame) {
    if (!connection.client) {
      answer_handshake(connection, frame);
      return;
    }
    connection.decoder.feed(frame.bytes);
    while (auto decoded = connection.decoder.next()) {
      server_read_frame(connection, decoded->frame, frame);
    }
    if (const auto& error = connection.decoder.error()) {
      forget(connection);
      connection.close_tcp(
          "FIN: the server fails the connection, the client's frames are broken: " + error->reason);
    }
  }

  // Section 4.2: the server reads the request that arrived, which a proxy may have changed.
  void answer_handshake(ServerConnection& connection, const WireFrame& frame) {
    const std::optional<http::Request> request = http::parse_request(frame.bytes);
    if (!request) return;
    if (const auto problem = ws::check_handshake_request(*request)) {
      reject_handshake(connection, *problem);
      return;
    }
    const std::optional<int> client = contract::client_in(request->target, world_.clients());
    if (!client) return;
    const ws::AcceptComputation accept =
        ws::compute_accept(*request->fields.find("Sec-WebSocket-Key"));
    const http::Response response = ws::handshake_response(
        accept.key, std::nullopt, fields_of(world_.scenario.http.response_headers));
    connection.socket.send({.layer = Layer::http,
                            .kind = "response",
                            .setup = true,
                            .bytes = http::serialize(response),
                            .note = "101 Switching Protocols: Sec-WebSocket-Accept " +
                                    accept.accept +
                                    " is base64(SHA-1(key + GUID)), proof that "
                                    "the server read this handshake; WebSocket frames follow"});
    connection.client = *client;
    open_for(*client, connection);
  }

  void reject_handshake(ServerConnection& connection, const ws::RequestProblem& problem) {
    const http::Response rejection = ws::handshake_rejection(problem);
    connection.socket.send({.layer = Layer::http,
                            .kind = "response",
                            .setup = true,
                            .bytes = http::serialize(rejection),
                            .note = "the server refuses the handshake with " +
                                    std::to_string(rejection.status) + " " + rejection.reason +
                                    ": " + problem.reason});
  }

  // The client's messages that waited go first, then the pings start.
  void open_for(int client, ServerConnection& connection) {
    AtServer& server = at_server(client);
    server.open = &connection;
    std::vector<MessageId> waiting = std::move(server.waiting);
    server.waiting.clear();
    for (const MessageId id : waiting) {
      server_send_text(connection, id, "; it waited at the server for the handshake");
    }
    schedule_ping(connection);
  }

  void server_send_text(ServerConnection& connection, MessageId id, std::string_view waited) {
    const ws::Frame frame = ws::text_frame(world_.messages.payload(id));
    WireFrame wire = websocket_frame(
        frame, world_.notes ? "a message in a text frame: " + header_cost(frame) +
                                  ", not masked (only a client masks)" + std::string(waited)
                            : std::string());
    wire.messages = {id};
    connection.socket.send(std::move(wire));
  }

  void schedule_ping(ServerConnection& connection) {
    const Nanoseconds interval = world_.scenario.websocket.ping_interval;
    if (interval <= Nanoseconds{0}) return;
    world_.simulator.schedule(interval, [this, &connection] { ping(connection); });
  }

  // Traffic every ping_interval keeps a proxy or NAT from taking the connection for idle.
  void ping(ServerConnection& connection) {
    if (connection.close_sent || connection.socket.closed()) return;
    connection.socket.send(websocket_frame(
        ws::ping_frame({}), "ping, every " +
                                duration_text(world_.scenario.websocket.ping_interval) +
                                ": keeps a proxy from closing the connection as idle; the browser "
                                "answers with a pong"));
    schedule_ping(connection);
  }

  void server_read_frame(ServerConnection& connection, const ws::Frame& frame,
                         const WireFrame& carrier) {
    switch (frame.header.opcode) {
      case ws::Opcode::text:
      case ws::Opcode::binary:
        for (const MessageId id : carrier.messages) world_.messages.deliver(id);
        break;
      case ws::Opcode::close:
        answer_close(connection, frame);
        break;
      default:
        break;  // a pong needs no answer
    }
  }

  // Section 5.5.1: echo the code, then (section 7.1.1) the server closes TCP first, so that the
  // TIME_WAIT state stays on the server and the client may reconnect at once.
  void answer_close(ServerConnection& connection, const ws::Frame& frame) {
    if (connection.close_sent) return;
    const ws::ParsedClose parsed = ws::parse_close_payload(frame.payload);
    const std::uint16_t code = parsed.close.code.value_or(ws::close_code::normal);
    connection.close_sent = true;
    forget(connection);
    connection.socket.send(
        close_frame(code, nullptr,
                    "close " + close_text(code) + ": the server answers the client's close frame"));
    connection.close_tcp(
        "FIN: the server closes TCP first once the close handshake is done (RFC 6455 section "
        "7.1.1), so TIME_WAIT stays on the server");
  }

  void server_peer_closed(ServerConnection& connection) {
    forget(connection);
    if (connection.socket.closed()) return;  // it closed first
    connection.close_tcp(connection.client && !connection.close_sent
                             ? "FIN: closed without a close frame (1006 Abnormal Closure); the "
                               "server keeps the client's messages until it reconnects"
                             : "FIN: the server closes its side too");
  }

  // New messages for the client wait for its next connection.
  void forget(ServerConnection& connection) {
    if (connection.client && at_server(*connection.client).open == &connection) {
      at_server(*connection.client).open = nullptr;
    }
  }

  LaneWorld& world_;
  std::vector<Client> clients_;
  std::vector<AtServer> at_server_;
  std::deque<std::unique_ptr<ClientConnection>> client_connections_;  // every one made
  std::deque<std::unique_ptr<ServerConnection>> server_connections_;  // every one accepted
};

}  // namespace

std::unique_ptr<TransportModel> make_websocket(LaneWorld& world) {
  return std::make_unique<WebSocket>(world);
}

}  // namespace pushlab::sim
