#include "sim/transports/websocket_server.hpp"

#include "sim/net/duration_text.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/transports/stream_resume.hpp"
#include "sim/transports/websocket_frames.hpp"
#include "sim/wire/http/parse_one.hpp"
#include "sim/wire/http/serialize.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/handshake.hpp"

namespace pushlab::sim {

namespace http = wire::http;
namespace ws = wire::websocket;

WebSocketServer::WebSocketServer(LaneWorld& world, EndpointId endpoint)
    : world_(world), endpoint_(endpoint), clients_(static_cast<std::size_t>(world.clients())) {
  world_.topology.listen(endpoint, [this](TcpConnection& connection) { accept(connection); });
}

// Sent at once on an open connection; otherwise it waits at the server for the next 101.
void WebSocketServer::push(int client, MessageId id) {
  PerClient& server = at(client);
  if (server.open != nullptr) {
    send_text(*server.open, id, "");
  } else {
    server.waiting.push_back(id);
  }
}

// Section 7.4.1: 1001, "an endpoint is going away, such as a server going down". The client
// echoes it and reconnects; the server closes TCP once the echo is in.
void WebSocketServer::drain() {
  for (PerClient& client : clients_) {
    if (client.open == nullptr) continue;
    Connection& connection = *client.open;
    connection.close_sent = true;
    forget(connection);
    connection.socket.send(websocket_close_frame(
        ws::close_code::going_away, nullptr,
        "close " + close_code_text(ws::close_code::going_away) +
            ": the server drains; the browser echoes it and reconnects, through the balancer, "
            "to another server"));
  }
}

void WebSocketServer::accept(TcpConnection& tcp) {
  Connection& connection =
      *connections_.emplace_back(std::make_unique<Connection>(tcp, world_.tls()));
  connection.socket.on_receive(
      [this, &connection](const WireFrame& frame) { received(connection, frame); });
  connection.socket.on_peer_closed([this, &connection] { peer_closed(connection); });
}

void WebSocketServer::received(Connection& connection, const WireFrame& frame) {
  if (!connection.client) {
    answer_handshake(connection, frame);
    return;
  }
  connection.decoder.feed(frame.bytes);
  while (auto decoded = connection.decoder.next()) {
    read_frame(connection, decoded->frame, frame);
  }
  if (const auto& error = connection.decoder.error()) {
    forget(connection);
    connection.close_tcp("FIN: the server fails the connection, the client's frames are broken: " +
                         error->reason);
  }
}

// Section 4.2: the server reads the request that arrived, which a proxy may have changed.
void WebSocketServer::answer_handshake(Connection& connection, const WireFrame& frame) {
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
                          .note = "101 Switching Protocols: Sec-WebSocket-Accept " + accept.accept +
                                  " is base64(SHA-1(key + GUID)), proof that "
                                  "the server read this handshake; WebSocket frames follow"});
  connection.client = *client;
  open_for(*client, connection);
  if (world_.resume && carries_resume_point(request->target)) {
    world_.resume(endpoint_, *client, resume_point_in(request->target));
  }
}

void WebSocketServer::reject_handshake(Connection& connection, const ws::RequestProblem& problem) {
  const http::Response rejection = ws::handshake_rejection(problem);
  connection.socket.send({.layer = Layer::http,
                          .kind = "response",
                          .setup = true,
                          .bytes = http::serialize(rejection),
                          .note = "the server refuses the handshake with " +
                                  std::to_string(rejection.status) + " " + rejection.reason + ": " +
                                  problem.reason});
}

// The client's messages that waited go first, then the pings start.
void WebSocketServer::open_for(int client, Connection& connection) {
  PerClient& server = at(client);
  server.open = &connection;
  std::vector<MessageId> waiting = std::move(server.waiting);
  server.waiting.clear();
  for (const MessageId id : waiting) {
    send_text(connection, id, "; it waited at the server for the handshake");
  }
  schedule_ping(connection);
}

void WebSocketServer::send_text(Connection& connection, MessageId id, std::string_view waited) {
  const ws::Frame frame = ws::text_frame(world_.messages.payload(id));
  WireFrame wire = websocket_frame(
      frame, world_.notes ? "a message in a text frame: " + header_cost(frame) +
                                ", not masked (only a client masks)" + std::string(waited)
                          : std::string());
  wire.messages = {id};
  connection.socket.send(std::move(wire));
}

void WebSocketServer::schedule_ping(Connection& connection) {
  const Nanoseconds interval = world_.scenario.websocket.ping_interval;
  if (interval <= Nanoseconds{0}) return;
  world_.simulator.schedule(interval, [this, &connection] { ping(connection); });
}

// Traffic every ping_interval keeps a proxy or NAT from taking the connection for idle.
void WebSocketServer::ping(Connection& connection) {
  if (connection.close_sent || connection.socket.closed()) return;
  connection.socket.send(websocket_frame(
      ws::ping_frame({}), "ping, every " + duration_text(world_.scenario.websocket.ping_interval) +
                              ": keeps a proxy from closing the connection as idle; the browser "
                              "answers with a pong"));
  schedule_ping(connection);
}

void WebSocketServer::read_frame(Connection& connection, const ws::Frame& frame,
                                 const WireFrame& carrier) {
  if (delivered_data(world_.messages, frame, carrier)) return;
  if (frame.header.opcode == ws::Opcode::close) answer_close(connection, frame);
  // A pong needs no answer.
}

// Section 5.5.1: echo the code, then (section 7.1.1) the server closes TCP first, so that the
// TIME_WAIT state stays on the server and the client may reconnect at once.
void WebSocketServer::answer_close(Connection& connection, const ws::Frame& frame) {
  if (connection.close_sent) {  // the echo of the server's own close
    if (!connection.socket.closed()) {
      connection.close_tcp(
          "FIN: the browser echoed the server's close frame; the server closes "
          "TCP first (RFC 6455 section 7.1.1)");
    }
    return;
  }
  const ws::ParsedClose parsed = ws::parse_close_payload(frame.payload);
  const std::uint16_t code = parsed.close.code.value_or(ws::close_code::normal);
  connection.close_sent = true;
  forget(connection);
  connection.socket.send(websocket_close_frame(
      code, nullptr,
      "close " + close_code_text(code) + ": the server answers the client's close frame"));
  connection.close_tcp(
      "FIN: the server closes TCP first once the close handshake is done (RFC 6455 section "
      "7.1.1), so TIME_WAIT stays on the server");
}

void WebSocketServer::peer_closed(Connection& connection) {
  forget(connection);
  if (connection.socket.closed()) return;  // it closed first
  connection.close_tcp(connection.client && !connection.close_sent
                           ? "FIN: closed without a close frame (1006 Abnormal Closure); the "
                             "server keeps the client's messages until it reconnects"
                           : "FIN: the server closes its side too");
}

// New messages for the client wait for its next connection.
void WebSocketServer::forget(Connection& connection) {
  if (connection.client && at(*connection.client).open == &connection) {
    at(*connection.client).open = nullptr;
  }
}

}  // namespace pushlab::sim
