#include "sim/transports/engine_io_client.hpp"

#include <algorithm>

#include "sim/net/duration_text.hpp"
#include "sim/transports/cluster_backoff.hpp"
#include "sim/transports/engine_io_frames.hpp"
#include "sim/transports/random_streams.hpp"
#include "sim/transports/socketio_backoff.hpp"
#include "sim/transports/websocket_frames.hpp"
#include "sim/wire/engineio/payload.hpp"
#include "sim/wire/engineio/session.hpp"
#include "sim/wire/engineio/socketio_packet.hpp"
#include "sim/wire/http/parse_one.hpp"
#include "sim/wire/http/serialize.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/handshake.hpp"

namespace pushlab::sim {

namespace eio = wire::engineio;
namespace sio = wire::socketio;
namespace ws = wire::websocket;
using Type = eio::PacketType;

namespace {

std::string_view body_of(const wire::http::Response& response) {
  return wire::as_text(response.body);
}

}  // namespace

EngineIoClient::EngineIoClient(LaneWorld& world, int client)
    : world_(world),
      client_(client),
      socketio_(world.scenario.engine_io.socketio),
      connections_(world.topology, client),
      cluster_backoff_(cluster_backoff(world, client)),
      backoff_rng_(world.rng.fork(streams::of_reconnect(client))) {}

void EngineIoClient::send(MessageId id) {
  if (open_ && connected_) {
    send_message(id);
  } else {
    send_buffer_.push_back(id);  // emitted before the connection: sent once it is there
  }
}

void EngineIoClient::send_message(MessageId id) {
  write({engine_io::message_packet(world_.messages, id, socketio_), id});
}

// The page leaves: a close packet on the transport, then the connections end.
void EngineIoClient::stop() {
  stopped_ = true;
  for (std::optional<EventId>* timer : {&ping_deadline_, &reconnect_}) {
    if (*timer) world_.simulator.cancel(**timer);
    timer->reset();
  }
  if (open_ && upgraded_ && websocket_ != nullptr) {
    send_on_websocket({eio::Packet::text(Type::close), std::nullopt},
                      "close: the page is done; the server ends the session");
  } else if (open_) {
    write_buffer_ = {{eio::Packet::text(Type::close), std::nullopt}};
    if (!posting_) post();  // else it follows the POST that is out
  }
  const bool close_packet_out = posting_;
  open_or_opening_ = false;
  open_ = false;
  if (!close_packet_out) connections_.close_all();
}

void EngineIoClient::handshake() {
  if (stopped_) return;
  ++session_;
  open_or_opening_ = true;
  open_ = false;
  sid_.clear();
  upgraded_ = false;
  pausing_ = false;
  connected_ = !socketio_;
  websocket_ = nullptr;
  write_buffer_.clear();
  if (world_.scenario.engine_io.websocket_only) {
    open_websocket(true);
  } else {
    get();
  }
}

// One GET is always out while the session runs on polling: the server answers it when it has
// packets for the client.
void EngineIoClient::get() {
  polling_ = true;
  const int session = session_;
  connections_.acquire([this, session](PooledConnection& connection) {
    connection.on_frame = [this, session, &connection](const WireFrame& answer) {
      answered_get(session, connection, answer);
    };
    connection.on_closed = [this, session] {
      if (current(session)) session_ended("transport close: the poll's connection closed");
    };
    WireFrame request = world_.http.request(
        "GET",
        engine_io::polling_target(
            client_, socketio_, engine_io::cache_buster(world_.simulator.now(), world_.rng), sid_),
        {});
    request.setup = sid_.empty();
    if (world_.notes) {
      request.note = sid_.empty()
                         ? "the Engine.IO handshake: a plain GET on long polling, which works "
                           "through any proxy"
                         : "a poll: the server holds it until it has packets for this client";
    }
    connection.send(std::move(request));
  });
}

void EngineIoClient::answered_get(int session, PooledConnection& connection,
                                  const WireFrame& answer) {
  connections_.release(connection);
  if (stopped_) {
    polling_ = false;
    if (!posting_) connections_.close_all();  // the close packet's POST is answered too
    return;
  }
  if (!current(session)) return;
  polling_ = false;
  const std::optional<wire::http::Response> response = wire::http::parse_response(answer.bytes);
  if (!response || response->status != 200) {
    session_ended("xhr poll error: the poll was answered " +
                  (response
                       ? std::to_string(response->status) + " " + response->reason +
                             (response->body.empty() ? "" : ", " + std::string(body_of(*response)))
                       : std::string("with something not HTTP")));
    return;
  }
  read_packets(body_of(*response), answer);
  if (!current(session)) return;
  if (pausing_) {
    finish_pause();
  } else if (!upgraded_) {
    get();
  }
}

void EngineIoClient::read_packets(std::string_view body, const WireFrame& carrier) {
  for (const MessageId id : carrier.messages) world_.messages.deliver(id);
  const eio::DecodedPayload decoded = eio::decode_payload(body);
  const int session = session_;
  for (const eio::Packet& packet : decoded.packets) {
    if (!current(session)) return;
    read_packet(packet);
  }
  if (decoded.error && current(session)) session_ended("parse error: " + decoded.error->reason);
}

void EngineIoClient::read_packet(const eio::Packet& packet) {
  switch (packet.type) {
    case Type::open:
      opened(packet);
      return;
    case Type::ping:
      write({eio::Packet::text(Type::pong), std::nullopt});
      expect_ping();
      return;
    case Type::close:
      session_ended("the server closed the session");
      return;
    case Type::message: {
      if (!socketio_ || connected_) return;
      const auto decoded = sio::decode(packet.data);
      const auto* connect = std::get_if<sio::Packet>(&decoded);
      if (connect == nullptr || connect->type != sio::PacketType::connect) return;
      connected_ = true;
      attempts_ = 0;
      if (cluster_backoff_) cluster_backoff_->reset();
      for (const MessageId id : std::exchange(send_buffer_, {})) {
        send_message(id);
      }
      return;
    }
    default:
      return;
  }
}

// lib/socket.ts onHandshake, onOpen: the session's settings, then Socket.IO's CONNECT, then the
// probe when the server offers the WebSocket.
void EngineIoClient::opened(const eio::Packet& packet) {
  const auto decoded = eio::decode_open(packet.data);
  const auto* info = std::get_if<eio::OpenInfo>(&decoded);
  if (info == nullptr) {
    session_ended("the open packet is not what a server sends");
    return;
  }
  open_ = true;
  sid_ = info->sid;
  ping_interval_ = std::chrono::milliseconds{info->ping_interval_ms};
  ping_timeout_ = std::chrono::milliseconds{info->ping_timeout_ms};
  expect_ping();
  if (socketio_) {
    write({eio::Packet::text(Type::message, sio::encode(sio::connect_packet())), std::nullopt});
  } else {
    attempts_ = 0;
    if (cluster_backoff_) cluster_backoff_->reset();
    for (const MessageId id : std::exchange(send_buffer_, {})) send_message(id);
  }
  const bool offers_websocket =
      std::find(info->upgrades.begin(), info->upgrades.end(), "websocket") != info->upgrades.end();
  if (offers_websocket && world_.scenario.engine_io.upgrade && !upgraded_) open_websocket(false);
}

void EngineIoClient::write(Outgoing outgoing) {
  write_buffer_.push_back(std::move(outgoing));
  flush();
}

// lib/socket.ts flush: nothing while upgrading (the buffer waits for "5"), every packet on the
// WebSocket, or everything in one POST when none is out.
void EngineIoClient::flush() {
  if (!open_ || pausing_ || write_buffer_.empty()) return;
  if (upgraded_) {
    for (const Outgoing& outgoing : std::exchange(write_buffer_, {})) {
      send_on_websocket(outgoing, "");
    }
    return;
  }
  if (!posting_) post();
}

void EngineIoClient::post() {
  posting_ = true;
  std::vector<eio::Packet> packets;
  std::vector<MessageId> messages;
  for (Outgoing& outgoing : std::exchange(write_buffer_, {})) {
    if (outgoing.message) messages.push_back(*outgoing.message);
    packets.push_back(std::move(outgoing.packet));
  }
  const int session = session_;
  post_request_ = world_.http.request(
      "POST",
      engine_io::polling_target(client_, socketio_,
                                engine_io::cache_buster(world_.simulator.now(), world_.rng), sid_),
      {}, eio::encode_payload(packets), "text/plain;charset=UTF-8");
  post_request_.messages = std::move(messages);
  if (world_.notes) {
    post_request_.note = "a POST with " + engine_io::packet_names(packets, socketio_) +
                         ": the client's packets, on a second connection while the poll holds "
                         "the first";
  }
  connections_.acquire([this, session](PooledConnection& connection) {
    connection.on_frame = [this, session, &connection](const WireFrame& answer) {
      answered_post(session, connection, answer);
    };
    connection.on_closed = [this, session] {
      posting_ = false;
      if (current(session)) session_ended("transport close: the POST's connection closed");
    };
    connection.send(std::move(post_request_));
  });
}

void EngineIoClient::answered_post(int session, PooledConnection& connection,
                                   const WireFrame& answer) {
  connections_.release(connection);
  posting_ = false;
  if (stopped_) {
    if (!write_buffer_.empty()) {
      post();  // the close packet
    } else if (!polling_) {
      connections_.close_all();  // the pending poll's noop has come too
    }
    return;
  }
  if (!current(session)) return;
  const std::optional<wire::http::Response> response = wire::http::parse_response(answer.bytes);
  if (!response || response->status != 200) {
    session_ended("xhr post error: the POST was answered " +
                  (response ? std::to_string(response->status) + " " + response->reason
                            : std::string("with something not HTTP")));
    return;
  }
  if (pausing_) {
    finish_pause();
  } else {
    flush();
  }
}

// lib/socket.ts SocketWithUpgrade._probe: a WebSocket with the session's id, beside polling; or
// the session's only transport.
void EngineIoClient::open_websocket(bool direct) {
  Probe& probe = *probes_.emplace_back(std::make_unique<Probe>(
      world_.topology.connect_client(client_), world_.tls(), session_, direct));
  websocket_ = &probe;
  probe.socket.keep_cookies(world_.topology.cookie_jar(client_));
  probe.socket.on_receive([this, &probe](const WireFrame& frame) { probe_received(probe, frame); });
  probe.socket.on_peer_closed([this, &probe] {
    if (probe.phase == Probe::Phase::ended) return;
    const bool was_transport = probe.phase == Probe::Phase::open;
    probe.phase = Probe::Phase::ended;
    probe.socket.close();
    if (!current(probe.session) || websocket_ != &probe) return;
    if (was_transport || probe.direct) {
      session_ended("transport close: the WebSocket closed");
    } else {
      websocket_ = nullptr;
      pausing_ = false;
    }
  });
  probe.socket.connect([this, &probe] { probe_handshake(probe); });
}

void EngineIoClient::probe_handshake(Probe& probe) {
  if (probe.phase != Probe::Phase::connecting) return;
  if (!current(probe.session)) {
    probe.phase = Probe::Phase::ended;
    probe.socket.connection().close(Side::opener, "FIN: the session the probe was for is over");
    return;
  }
  probe.key = ws::make_key(random_nonce(world_.rng));
  const ws::HandshakeRequestOptions options{
      .host = std::string(world_.scenario.http.host()),
      .target = engine_io::websocket_target(client_, socketio_, sid_),
      .extra_fields = fields_of(world_.scenario.http.request_headers)};
  probe.phase = Probe::Phase::handshaking;
  probe.socket.send(
      {.layer = Layer::http,
       .kind = "request",
       .setup = true,
       .bytes = wire::http::serialize(ws::handshake_request(probe.key, options)),
       .note = !world_.notes ? std::string()
               : probe.direct
                   ? "the Engine.IO handshake on a WebSocket (transports: [\"websocket\"]): no "
                     "polling, so nothing to fall back to"
                   : "the probe: a WebSocket for the same session (sid), opened beside polling, "
                     "which carries on meanwhile"});
}

void EngineIoClient::probe_received(Probe& probe, const WireFrame& frame) {
  if (probe.phase == Probe::Phase::handshaking) {
    const std::optional<wire::http::Response> response = wire::http::parse_response(frame.bytes);
    const std::optional<std::string> problem =
        response ? ws::check_handshake_response(*response, probe.key)
                 : std::optional<std::string>("the answer is not an HTTP response");
    if (problem) {
      std::string why = *problem;
      if (response && !response->body.empty()) {
        why += " (its body: " + std::string(body_of(*response)) + ")";
      }
      if (probe.direct) {
        session_ended("websocket error: " + why);
      } else {
        probe_failed(probe, why);
      }
      return;
    }
    if (probe.direct) {
      probe.phase = Probe::Phase::open;  // the open packet follows on it
      upgraded_ = true;
      return;
    }
    probe.phase = Probe::Phase::probing;
    const ws::MaskingKey key = random_masking_key(world_.rng);
    probe.socket.send(engine_io::websocket_packet(
        eio::Packet::text(Type::ping, "probe"), &key,
        world_.notes ? "2probe: is the WebSocket really open end to end?" : std::string()));
    return;
  }
  if (probe.phase != Probe::Phase::probing && probe.phase != Probe::Phase::open) return;
  probe.decoder.feed(frame.bytes);
  while (auto decoded = probe.decoder.next()) {
    const ws::Frame& ws_frame = decoded->frame;
    if (ws_frame.header.opcode == ws::Opcode::close) {
      const bool was_transport = probe.phase == Probe::Phase::open;
      const ws::MaskingKey key = random_masking_key(world_.rng);
      probe.phase = Probe::Phase::ended;
      probe.socket.send(websocket_close_frame(ws::close_code::normal, &key,
                                              "close: the browser echoes the server's close"));
      if (was_transport && current(probe.session) && websocket_ == &probe) {
        session_ended("transport close: the server closed the WebSocket");
      }
      return;
    }
    const bool data =
        ws_frame.header.opcode == ws::Opcode::text || ws_frame.header.opcode == ws::Opcode::binary;
    if (!data) continue;
    const auto packet = eio::decode_websocket_packet(wire::as_text(ws_frame.payload),
                                                     ws_frame.header.opcode == ws::Opcode::binary);
    if (const auto* error = std::get_if<wire::DecodeError>(&packet)) {
      if (current(probe.session)) session_ended("parse error: " + error->reason);
      return;
    }
    if (probe.phase == Probe::Phase::open) {
      for (const MessageId id : frame.messages) world_.messages.deliver(id);
    }
    websocket_packet(probe, std::get<eio::Packet>(packet));
  }
}

// lib/socket.ts: a probe that fails leaves the session on polling; it is not tried again.
void EngineIoClient::probe_failed(Probe& probe, std::string why) {
  probe.phase = Probe::Phase::ended;
  if (websocket_ == &probe) websocket_ = nullptr;
  probe.socket.connection().close(
      Side::opener, "FIN: the probe failed, " + why +
                        ". engine.io-client gives the WebSocket up; the session carries on over "
                        "long polling, which every proxy passes");
}

void EngineIoClient::websocket_packet(Probe& probe, const eio::Packet& packet) {
  if (!current(probe.session) || websocket_ != &probe) return;
  if (probe.phase == Probe::Phase::probing) {
    if (packet.type != Type::pong || packet.data != "probe") {
      probe_failed(probe, "the server did not answer 3probe");
      return;
    }
    pausing_ = true;  // lib/transports/polling.ts pause: wait for the GET and the POST out
    finish_pause();
    return;
  }
  read_packet(packet);
}

// Polling is paused once nothing is out: "5" goes on the WebSocket, which is now the
// transport, and the packets that waited follow it in order.
void EngineIoClient::finish_pause() {
  if (!pausing_ || polling_ || posting_ || websocket_ == nullptr) return;
  pausing_ = false;
  websocket_->phase = Probe::Phase::open;
  upgraded_ = true;
  send_on_websocket({eio::Packet::text(Type::upgrade), std::nullopt},
                    "5: the upgrade; from here the session runs on this WebSocket, and polling "
                    "has stopped");
  flush();
}

void EngineIoClient::send_on_websocket(const Outgoing& outgoing, std::string note) {
  const ws::MaskingKey key = random_masking_key(world_.rng);
  if (note.empty() && world_.notes) {
    note = engine_io::packet_name(outgoing.packet, socketio_) +
           " in a WebSocket frame of its own, masked like every browser frame";
  }
  WireFrame frame = engine_io::websocket_packet(outgoing.packet, &key, std::move(note));
  if (outgoing.message) frame.messages = {*outgoing.message};
  websocket_->socket.send(std::move(frame));
}

// lib/socket.ts _resetPingTimeout: on the open packet and on every ping, a deadline of
// pingInterval + pingTimeout for the next ping.
void EngineIoClient::expect_ping() {
  if (ping_deadline_) world_.simulator.cancel(*ping_deadline_);
  const int session = session_;
  ping_deadline_ = world_.simulator.schedule(ping_interval_ + ping_timeout_, [this, session] {
    ping_deadline_.reset();
    if (current(session)) {
      session_ended("ping timeout: no ping for " + duration_text(ping_interval_ + ping_timeout_) +
                    " (pingInterval + pingTimeout)");
    }
  });
}

// The session is over: its connections end, and the Manager reconnects after its backoff.
void EngineIoClient::session_ended(std::string why) {
  open_or_opening_ = false;
  open_ = false;
  polling_ = false;
  pausing_ = false;
  if (ping_deadline_) world_.simulator.cancel(*ping_deadline_);
  ping_deadline_.reset();
  const Nanoseconds delay = next_reconnect_delay();
  const std::string note =
      "FIN: the session ended (" + why + "); Socket.IO reconnects in " + duration_text(delay) +
      " with a new handshake (attempt " +
      std::to_string(cluster_backoff_ ? cluster_backoff_->attempts() : attempts_) + ")";
  if (websocket_ != nullptr && websocket_->phase != Probe::Phase::ended) {
    websocket_->phase = Probe::Phase::ended;
    websocket_->socket.connection().close(Side::opener, note);
  }
  websocket_ = nullptr;
  connections_.abort_requests();
  if (stopped_) return;
  reconnect_ = world_.simulator.schedule(delay, [this] {
    reconnect_.reset();
    handshake();
  });
}

Nanoseconds EngineIoClient::next_reconnect_delay() {
  if (cluster_backoff_) return cluster_backoff_->next_delay();
  return socketio_reconnect_delay(attempts_++, backoff_rng_);
}

}  // namespace pushlab::sim
