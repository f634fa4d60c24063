#include "sim/transports/engine_io_server.hpp"

#include "sim/net/duration_text.hpp"
#include "sim/transports/engine_io_frames.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/transports/websocket_frames.hpp"
#include "sim/wire/engineio/payload.hpp"
#include "sim/wire/engineio/socketio_packet.hpp"
#include "sim/wire/http/parse_one.hpp"
#include "sim/wire/http/rfc9110.hpp"
#include "sim/wire/http/serialize.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/handshake.hpp"

namespace pushlab::sim {

namespace eio = wire::engineio;
namespace sio = wire::socketio;
namespace ws = wire::websocket;
using Type = eio::PacketType;

namespace {

// lib/server.ts: how long a probe may take to send "5", and how often the pending poll is
// ended with a noop meanwhile so that the client can pause it (lib/socket.ts _maybeUpgrade).
constexpr Nanoseconds kUpgradeTimeout = std::chrono::seconds{10};
constexpr Nanoseconds kNoopCheck = std::chrono::milliseconds{100};
constexpr std::uint64_t kMaxPayload = 1'000'000;  // maxHttpBufferSize

eio::SidNonce random_sid_nonce(Rng& rng) {
  eio::SidNonce nonce{};
  for (std::size_t i = 0; i < nonce.size(); i += 4) {
    const std::uint64_t bits = rng.next_u64();
    for (std::size_t b = 0; b < 4; ++b) nonce[i + b] = static_cast<std::uint8_t>(bits >> (8 * b));
  }
  return nonce;
}

bool asks_to_upgrade(const wire::http::Request& request) {
  const std::string* upgrade = request.fields.find("Upgrade");
  return upgrade != nullptr && wire::http::iequals(*upgrade, "websocket");
}

std::string_view query(const wire::http::Request& request, std::string_view name) {
  return contract::query_value(request.target, name).value_or(std::string_view{});
}

}  // namespace

EngineIoServer::EngineIoServer(LaneWorld& world, EndpointId endpoint)
    : world_(world),
      endpoint_(endpoint),
      socketio_(world.scenario.engine_io.socketio),
      by_client_(static_cast<std::size_t>(world.clients()), nullptr),
      before_first_(static_cast<std::size_t>(world.clients())),
      had_session_(static_cast<std::size_t>(world.clients()), false) {
  world_.topology.listen(endpoint, [this](TcpConnection& tcp) { accept(tcp); });
}

void EngineIoServer::push(int client, MessageId id) {
  Session* session = session_of(client);
  const auto index = static_cast<std::size_t>(client);
  if (session == nullptr || (socketio_ && !session->socketio_connected)) {
    // Before the page's first connect it is kept; later, a broadcast to a socket that is not
    // connected reaches nobody (no connection state recovery), and the message is lost.
    if (!had_session_[index]) before_first_[index].push_back(id);
    return;
  }
  send(*session, {engine_io::message_packet(world_.messages, id, socketio_), id});
}

void EngineIoServer::accept(TcpConnection& tcp) {
  Connection& connection =
      *connections_.emplace_back(std::make_unique<Connection>(tcp, world_.tls()));
  connection.socket.on_receive(
      [this, &connection](const WireFrame& frame) { received(connection, frame); });
  connection.socket.on_peer_closed([this, &connection] { connection_closed(connection); });
}

void EngineIoServer::received(Connection& connection, const WireFrame& frame) {
  if (connection.websocket) {
    websocket_frames(connection, frame);
    return;
  }
  const std::optional<wire::http::Request> parsed = wire::http::parse_request(frame.bytes);
  if (!parsed) return;
  request(connection, *parsed, frame);
}

void EngineIoServer::request(Connection& connection, const wire::http::Request& request,
                             const WireFrame& frame) {
  const std::optional<int> client = contract::client_in(request.target, world_.clients());
  if (!client || contract::path_of(request.target) != engine_io::endpoint_path(socketio_)) {
    WireFrame refusal = world_.http.response(404, {});
    if (world_.notes) refusal.note = "not the Engine.IO endpoint of a client of this run";
    connection.socket.send(std::move(refusal));
    return;
  }
  const bool upgrade = asks_to_upgrade(request);
  if (const std::optional<eio::ErrorCode> code = refusal(request, upgrade)) {
    refuse(connection, *code, upgrade);
    return;
  }
  const std::string_view sid = query(request, "sid");
  if (sid.empty() && upgrade) {
    websocket_handshake(connection, *client, request);
    return;
  }
  if (sid.empty()) {
    handshake(connection, *client);
    return;
  }
  Session& session = *by_sid_.at(std::string(sid));
  if (upgrade) {
    open_probe(connection, session, request);
  } else if (request.method == "GET") {
    poll(connection, session);
  } else {
    post(connection, session, request, frame);
  }
}

std::optional<eio::ErrorCode> EngineIoServer::refusal(const wire::http::Request& request,
                                                      bool upgrade) const {
  eio::RequestFacts facts{.method = request.method,
                          .transport = query(request, "transport"),
                          .eio = query(request, "EIO"),
                          .sid = query(request, "sid"),
                          .upgrade = upgrade,
                          .session_transport = std::nullopt};
  if (const auto found = by_sid_.find(std::string(facts.sid)); found != by_sid_.end()) {
    facts.session_transport = found->second->websocket ? "websocket" : "polling";
  }
  return eio::refusal(facts);
}

void EngineIoServer::refuse(Connection& connection, eio::ErrorCode code, bool upgrade) {
  const std::string why =
      std::to_string(static_cast<int>(code)) + " " + std::string(eio::error_message(code));
  if (upgrade) {
    WireFrame refusal = engine_io::upgrade_refusal(code);
    if (world_.notes) {
      refusal.note = "the server refuses the WebSocket (code " + why +
                     ") and destroys the socket: the session, if any, stays on polling";
    }
    connection.socket.send(std::move(refusal));
    connection.socket.connection().close(Side::acceptor);
    return;
  }
  WireFrame refusal = engine_io::error_response(world_.http, code);
  if (world_.notes) {
    refusal.note = "the server refuses the request with Engine.IO error " + why;
    if (code == eio::ErrorCode::bad_request) {
      refusal.note +=
          ": a request for the WebSocket transport came without Upgrade (a proxy stripped it), "
          "or for polling after the upgrade";
    } else if (code == eio::ErrorCode::unknown_sid) {
      refusal.note += ": this server has no such session (another server has it, or it closed)";
    }
  }
  connection.socket.send(std::move(refusal));
}

EngineIoServer::Session& EngineIoServer::new_session(int client) {
  Session& session = *sessions_.emplace_back(std::make_unique<Session>());
  session.sid = eio::make_sid(random_sid_nonce(world_.rng), engine_ids_++);
  session.client = client;
  by_sid_[session.sid] = &session;
  by_client_[static_cast<std::size_t>(client)] = &session;
  return session;
}

// lib/socket.ts onOpen: the open packet, then the first ping a pingInterval later.
eio::Packet EngineIoServer::open_packet(const Session& session, bool offers_websocket) const {
  const auto milliseconds = [](Nanoseconds duration) {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(duration).count());
  };
  const eio::OpenInfo open{
      .sid = session.sid,
      .upgrades =
          offers_websocket ? std::vector<std::string>{"websocket"} : std::vector<std::string>{},
      .ping_interval_ms = milliseconds(world_.scenario.engine_io.ping_interval),
      .ping_timeout_ms = milliseconds(world_.scenario.engine_io.ping_timeout),
      .max_payload = kMaxPayload};
  return eio::Packet::text(Type::open, eio::encode_open(open));
}

std::string EngineIoServer::open_note() const {
  return world_.notes ? "open: the session's id, the transports it may upgrade to, and the "
                        "heartbeat (a ping every pingInterval, a pong within pingTimeout)"
                      : std::string();
}

void EngineIoServer::opened(Session& session) {
  schedule_ping(session);
  if (socketio_) return;  // the page's messages wait for Socket.IO's CONNECT
  const auto client = static_cast<std::size_t>(session.client);
  had_session_[client] = true;
  for (const MessageId id : std::exchange(before_first_[client], {})) push(session.client, id);
}

void EngineIoServer::handshake(Connection& connection, int client) {
  Session& session = new_session(client);
  WireFrame answer = engine_io::polling_response(
      world_.http,
      eio::encode_polling_packet(open_packet(session, world_.scenario.engine_io.upgrade)));
  answer.setup = true;
  answer.note = open_note();
  connection.socket.send(std::move(answer));
  opened(session);
}

// A client with transports: ["websocket"]: the session opens on the WebSocket, which offers
// no upgrade.
void EngineIoServer::websocket_handshake(Connection& connection, int client,
                                         const wire::http::Request& request) {
  if (!accept_websocket(connection, request,
                        "101 Switching Protocols: a session that starts on the WebSocket, "
                        "without polling")) {
    return;
  }
  Session& session = new_session(client);
  session.websocket = &connection;
  connection.websocket_of = &session;
  WireFrame open = engine_io::websocket_packet(open_packet(session, false), nullptr, open_note());
  open.setup = true;
  connection.socket.send(std::move(open));
  opened(session);
}

void EngineIoServer::poll(Connection& connection, Session& session) {
  if (session.held != nullptr) {
    WireFrame refusal = engine_io::bare_status(world_.http, 400);
    if (world_.notes) refusal.note = "a second poll while one is held: overlap from client";
    connection.socket.send(std::move(refusal));
    close(session, "overlap from client");
    return;
  }
  session.held = &connection;
  connection.polled_by = &session;
  flush(session);
}

void EngineIoServer::post(Connection& connection, Session& session,
                          const wire::http::Request& request, const WireFrame& frame) {
  if (request.body.size() > kMaxPayload) {
    WireFrame refusal = engine_io::bare_status(world_.http, 413);
    if (world_.notes) refusal.note = "413: the body is over maxPayload, and is ignored";
    connection.socket.send(std::move(refusal));
    return;
  }
  WireFrame ok = engine_io::post_accepted(world_.http);
  ok.kind = "send-response";  // not a poll: never counted as an empty response
  if (world_.notes) ok.note = "ok: the server has read the packets";
  connection.socket.send(std::move(ok));
  const eio::DecodedPayload decoded = eio::decode_payload(wire::as_text(request.body));
  for (const MessageId id : frame.messages) world_.messages.deliver(id);
  for (const eio::Packet& packet : decoded.packets) {
    if (!session.open) return;
    read_packet(session, packet);
  }
  if (decoded.error && session.open) close(session, "parse error: " + decoded.error->reason);
}

// The probe: a WebSocket for a session that stays on polling until the client sends "5".
bool EngineIoServer::accept_websocket(Connection& connection, const wire::http::Request& request,
                                      std::string note) {
  if (const auto problem = ws::check_handshake_request(request)) {
    const wire::http::Response rejection = ws::handshake_rejection(*problem);
    connection.socket.send({.layer = Layer::http,
                            .kind = "response",
                            .setup = true,
                            .bytes = wire::http::serialize(rejection),
                            .note = "the server refuses the WebSocket: " + problem->reason});
    return false;
  }
  const ws::AcceptComputation accept =
      ws::compute_accept(*request.fields.find("Sec-WebSocket-Key"));
  connection.socket.send(
      {.layer = Layer::http,
       .kind = "response",
       .setup = true,
       .bytes = wire::http::serialize(ws::handshake_response(
           accept.key, std::nullopt, fields_of(world_.scenario.http.response_headers))),
       .note = world_.notes ? std::move(note) : std::string()});
  connection.websocket = true;
  return true;
}

void EngineIoServer::open_probe(Connection& connection, Session& session,
                                const wire::http::Request& request) {
  if (!accept_websocket(connection, request,
                        "101 Switching Protocols for the probe: the session still runs on "
                        "polling until the client sends 5 (upgrade) on this WebSocket")) {
    return;
  }
  if (session.websocket != nullptr || session.probe != nullptr) {
    // lib/server.ts onWebSocket: a second WebSocket for an upgraded or upgrading session.
    connection.socket.connection().close(Side::acceptor,
                                         "FIN: the session already has a WebSocket");
    return;
  }
  connection.websocket_of = &session;
  session.probe = &connection;
  session.upgrade_timeout = world_.simulator.schedule(kUpgradeTimeout, [&session] {
    session.upgrade_timeout.reset();
    if (session.probe == nullptr) return;
    Connection& probe = *std::exchange(session.probe, nullptr);
    probe.websocket_of = nullptr;
    probe.socket.connection().close(
        Side::acceptor,
        "FIN: no upgrade packet within upgradeTimeout (10 s): the server closes "
        "the probe, and the session stays on polling");
  });
}

void EngineIoServer::websocket_frames(Connection& connection, const WireFrame& frame) {
  connection.decoder.feed(frame.bytes);
  while (auto decoded = connection.decoder.next()) {
    const ws::Frame& ws_frame = decoded->frame;
    Session* session = connection.websocket_of;
    if (ws_frame.header.opcode == ws::Opcode::close) {
      if (session != nullptr) close(*session, "transport close");
      if (!connection.socket.closed() && !connection.close_sent) {
        connection.socket.send(websocket_close_frame(
            ws::close_code::normal, nullptr, "close: the server answers the browser's close"));
      }
      if (!connection.socket.closed()) {
        connection.socket.connection().close(Side::acceptor, "FIN: the WebSocket is closed");
      }
      return;
    }
    const bool data =
        ws_frame.header.opcode == ws::Opcode::text || ws_frame.header.opcode == ws::Opcode::binary;
    if (!data || session == nullptr) continue;
    const auto packet = eio::decode_websocket_packet(wire::as_text(ws_frame.payload),
                                                     ws_frame.header.opcode == ws::Opcode::binary);
    if (const auto* error = std::get_if<wire::DecodeError>(&packet)) {
      close(*session, "parse error: " + error->reason);
      continue;
    }
    if (session->probe == &connection) {
      probe_packet(connection, *session, std::get<eio::Packet>(packet));
      continue;
    }
    for (const MessageId id : frame.messages) world_.messages.deliver(id);
    read_packet(*session, std::get<eio::Packet>(packet));
  }
  if (const auto& error = connection.decoder.error()) {
    if (connection.websocket_of != nullptr) close(*connection.websocket_of, "transport error");
    connection.socket.connection().close(Side::acceptor,
                                         "FIN: the client's frames are broken: " + error->reason);
  }
}

void EngineIoServer::read_packet(Session& session, const eio::Packet& packet) {
  switch (packet.type) {
    case Type::pong:
      if (session.pong_deadline) world_.simulator.cancel(*session.pong_deadline);
      session.pong_deadline.reset();
      schedule_ping(session);  // the next ping is a pingInterval after this pong
      return;
    case Type::close:
      close(session, "the client closed it", Type::noop);
      return;
    case Type::message:
      if (socketio_) read_socketio(session, packet);
      return;
    default:
      return;
  }
}

void EngineIoServer::read_socketio(Session& session, const eio::Packet& packet) {
  const auto decoded = sio::decode(packet.data);
  const auto* sio_packet = std::get_if<sio::Packet>(&decoded);
  if (sio_packet == nullptr || sio_packet->nsp != "/") return;
  if (sio_packet->type == sio::PacketType::connect && !session.socketio_connected) {
    session.socketio_connected = true;
    const std::string sid = eio::make_sid(random_sid_nonce(world_.rng), socketio_ids_++);
    send(session,
         {eio::Packet::text(Type::message, sio::encode(sio::connect_packet(sid))), std::nullopt});
    const auto client = static_cast<std::size_t>(session.client);
    had_session_[client] = true;
    for (const MessageId id : std::exchange(before_first_[client], {})) push(session.client, id);
  } else if (sio_packet->type == sio::PacketType::disconnect) {
    session.socketio_connected = false;
  }
}

// lib/socket.ts _maybeUpgrade: 2probe is answered 3probe; then a noop ends the pending poll
// every 100 ms until the client, its polling paused, sends 5.
void EngineIoServer::probe_packet(Connection& connection, Session& session,
                                  const eio::Packet& packet) {
  if (packet.type == Type::ping && packet.data == "probe") {
    connection.socket.send(engine_io::websocket_packet(
        eio::Packet::text(Type::pong, "probe"), nullptr,
        world_.notes ? "3probe: the WebSocket works end to end; the client may now pause polling"
                     : std::string()));
    if (session.noop_check) world_.simulator.cancel(*session.noop_check);
    session.noop_check = world_.simulator.schedule(kNoopCheck, [this, &session] {
      session.noop_check.reset();
      check_for_noop(session);
    });
    return;
  }
  if (packet.type == Type::upgrade) {
    upgrade(session);
    return;
  }
  session.probe = nullptr;
  connection.websocket_of = nullptr;
  connection.socket.connection().close(Side::acceptor,
                                       "FIN: a packet other than 2probe or 5 on the probe");
}

void EngineIoServer::check_for_noop(Session& session) {
  if (session.probe == nullptr) return;
  if (session.held != nullptr) {
    answer_held(session, {{eio::Packet::text(Type::noop), std::nullopt}},
                "noop: ends the pending poll so that the client can pause polling and upgrade");
  }
  session.noop_check = world_.simulator.schedule(kNoopCheck, [this, &session] {
    session.noop_check.reset();
    check_for_noop(session);
  });
}

void EngineIoServer::upgrade(Session& session) {
  if (session.noop_check) world_.simulator.cancel(*session.noop_check);
  if (session.upgrade_timeout) world_.simulator.cancel(*session.upgrade_timeout);
  session.noop_check.reset();
  session.upgrade_timeout.reset();
  if (session.held != nullptr) {
    answer_held(session, {{eio::Packet::text(Type::noop), std::nullopt}},
                "noop: polling is discarded, the session moves to the WebSocket");
  }
  session.websocket = std::exchange(session.probe, nullptr);
  flush(session);
}

void EngineIoServer::send(Session& session, Outgoing outgoing) {
  session.buffer.push_back(std::move(outgoing));
  flush(session);
}

// What waited goes out on the transport as soon as it can take it: every frame on a
// WebSocket, or everything at once in the pending poll's answer.
void EngineIoServer::flush(Session& session) {
  if (session.buffer.empty() || !session.open) return;
  if (session.websocket != nullptr) {
    for (const Outgoing& outgoing : std::exchange(session.buffer, {})) {
      send_on_websocket(session, outgoing);
    }
    return;
  }
  if (session.held == nullptr) return;
  answer_held(session, std::exchange(session.buffer, {}), "");
}

void EngineIoServer::answer_held(Session& session, std::vector<Outgoing> packets,
                                 std::string note) {
  Connection& held = *std::exchange(session.held, nullptr);
  held.polled_by = nullptr;
  std::vector<eio::Packet> payload;
  std::vector<MessageId> messages;
  for (Outgoing& outgoing : packets) {
    if (outgoing.message) messages.push_back(*outgoing.message);
    payload.push_back(std::move(outgoing.packet));
  }
  WireFrame answer = engine_io::polling_response(world_.http, eio::encode_payload(payload));
  answer.messages = std::move(messages);
  if (world_.notes) {
    answer.note = note.empty() ? "the pending poll is answered with " +
                                     engine_io::packet_names(payload, socketio_) +
                                     (payload.size() > 1 ? ", joined by 0x1E" : "")
                               : std::move(note);
  }
  held.socket.send(std::move(answer));
}

void EngineIoServer::send_on_websocket(Session& session, const Outgoing& outgoing) {
  WireFrame frame = engine_io::websocket_packet(
      outgoing.packet, nullptr,
      world_.notes ? engine_io::packet_name(outgoing.packet, socketio_) +
                         " in a WebSocket frame of its own, after the upgrade"
                   : std::string());
  if (outgoing.message) frame.messages = {*outgoing.message};
  session.websocket->socket.send(std::move(frame));
}

void EngineIoServer::schedule_ping(Session& session) {
  if (session.ping_timer) world_.simulator.cancel(*session.ping_timer);
  session.ping_timer = world_.simulator.schedule(world_.scenario.engine_io.ping_interval,
                                                 [this, &session] { ping(session); });
}

// The ping is queued like any packet: on polling it waits for the next GET, and the pong
// deadline runs from now (lib/socket.ts schedulePing, resetPingTimeout).
void EngineIoServer::ping(Session& session) {
  session.ping_timer.reset();
  if (!session.open) return;
  send(session, {eio::Packet::text(Type::ping), std::nullopt});
  session.pong_deadline =
      world_.simulator.schedule(world_.scenario.engine_io.ping_timeout, [this, &session] {
        session.pong_deadline.reset();
        close(session, "ping timeout: no pong within " +
                           duration_text(world_.scenario.engine_io.ping_timeout));
      });
}

void EngineIoServer::close(Session& session, std::string why, Type ends_poll_with) {
  if (!session.open) return;
  session.open = false;
  for (std::optional<EventId>* timer : {&session.ping_timer, &session.pong_deadline,
                                        &session.noop_check, &session.upgrade_timeout}) {
    if (*timer) world_.simulator.cancel(**timer);
    timer->reset();
  }
  by_sid_.erase(session.sid);
  Session*& current = by_client_[static_cast<std::size_t>(session.client)];
  if (current == &session) current = nullptr;
  if (session.held != nullptr) {
    answer_held(
        session, {{eio::Packet::text(ends_poll_with), std::nullopt}},
        std::string(eio::packet_type_name(ends_poll_with)) + ": the session ends (" + why + ")");
  }
  for (Connection* websocket : {session.websocket, session.probe}) {
    if (websocket == nullptr || websocket->socket.closed()) continue;
    websocket->websocket_of = nullptr;
    websocket->close_sent = true;
    websocket->socket.send(websocket_close_frame(
        ws::close_code::normal, nullptr, "close: the server ends the session (" + why + ")"));
  }
  session.websocket = nullptr;
  session.probe = nullptr;
}

// A held poll whose connection closes ends the session ("poll connection closed
// prematurely"); a WebSocket's end ends it too, and a probe's only the probe.
void EngineIoServer::connection_closed(Connection& connection) {
  if (Session* session = std::exchange(connection.polled_by, nullptr)) {
    session->held = nullptr;
    close(*session, "poll connection closed prematurely");
  }
  if (Session* session = std::exchange(connection.websocket_of, nullptr)) {
    if (session->probe == &connection) {
      session->probe = nullptr;
    } else if (session->websocket == &connection) {
      session->websocket = nullptr;
      close(*session, "transport close");
    }
  }
  if (!connection.socket.closed()) {
    connection.socket.connection().close(Side::acceptor, "FIN: the server closes its side too");
  }
}

}  // namespace pushlab::sim
