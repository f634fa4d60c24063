#pragma once
// The server's side of the simulated Engine.IO v4 lane, as the engine.io 6.6 server behaves
// (lib/server.ts, lib/socket.ts, lib/transports/polling.ts): the handshake that opens a session,
// a held polling GET that any packet for the session answers, POSTs answered "ok", the probe
// WebSocket (2probe, 3probe, a noop on the pending poll every 100 ms, then 5), pings every
// pingInterval with a pong expected within pingTimeout, and the reference's error answers. With
// Socket.IO on, a CONNECT on namespace "/" is answered with the Socket.IO session's id.

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/net/socket.hpp"
#include "sim/transports/transport_model.hpp"
#include "sim/wire/engineio/packet.hpp"
#include "sim/wire/engineio/session.hpp"
#include "sim/wire/http/message.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"

namespace pushlab::sim {

class EngineIoServer final : public ServerModel {
 public:
  EngineIoServer(LaneWorld& world, EndpointId endpoint);

  void push(int client, MessageId id) override;
  bool serves(int client) const override { return session_of(client) != nullptr; }

 private:
  struct Session;

  // The server's end of one TCP connection: HTTP requests, or, once upgraded, a WebSocket.
  struct Connection {
    Connection(TcpConnection& tcp, bool tls) : socket(tcp, Side::acceptor, tls) {}
    Socket socket;
    Session* websocket_of = nullptr;  // the session this WebSocket probes or carries
    Session* polled_by = nullptr;     // the session whose poll this connection holds
    bool websocket = false;
    bool close_sent = false;
    wire::websocket::FrameDecoder decoder{{.role = wire::websocket::Role::server}};
  };

  // A packet waiting for the session's transport, with the message it carries, if any.
  struct Outgoing {
    wire::engineio::Packet packet;
    std::optional<MessageId> message;
  };

  struct Session {
    std::string sid;
    int client = 0;
    bool open = true;
    Connection* held = nullptr;       // the pending polling GET
    Connection* probe = nullptr;      // the WebSocket being probed
    Connection* websocket = nullptr;  // the transport after the upgrade
    std::vector<Outgoing> buffer;     // packets no transport could take yet (writeBuffer)
    bool socketio_connected = false;
    std::optional<EventId> ping_timer;
    std::optional<EventId> pong_deadline;
    std::optional<EventId> noop_check;  // the 100 ms check during an upgrade
    std::optional<EventId> upgrade_timeout;
  };

  Session* session_of(int client) const { return by_client_[static_cast<std::size_t>(client)]; }

  void accept(TcpConnection& tcp);
  void received(Connection& connection, const WireFrame& frame);
  void request(Connection& connection, const wire::http::Request& request, const WireFrame& frame);
  std::optional<wire::engineio::ErrorCode> refusal(const wire::http::Request& request,
                                                   bool upgrade) const;
  void refuse(Connection& connection, wire::engineio::ErrorCode code, bool upgrade);
  Session& new_session(int client);
  wire::engineio::Packet open_packet(const Session& session, bool offers_websocket) const;
  std::string open_note() const;
  void opened(Session& session);
  void handshake(Connection& connection, int client);
  void websocket_handshake(Connection& connection, int client, const wire::http::Request& request);
  bool accept_websocket(Connection& connection, const wire::http::Request& request,
                        std::string note);
  void poll(Connection& connection, Session& session);
  void post(Connection& connection, Session& session, const wire::http::Request& request,
            const WireFrame& frame);
  void open_probe(Connection& connection, Session& session, const wire::http::Request& request);
  void websocket_frames(Connection& connection, const WireFrame& frame);
  void read_packet(Session& session, const wire::engineio::Packet& packet);
  void read_socketio(Session& session, const wire::engineio::Packet& packet);
  void probe_packet(Connection& connection, Session& session, const wire::engineio::Packet& packet);
  void check_for_noop(Session& session);
  void upgrade(Session& session);

  void send(Session& session, Outgoing outgoing);
  void flush(Session& session);
  void answer_held(Session& session, std::vector<Outgoing> packets, std::string note);
  void send_on_websocket(Session& session, const Outgoing& outgoing);
  void schedule_ping(Session& session);
  void ping(Session& session);
  // Ends the session; a held poll is answered with `ends_poll_with`: close when the server
  // ends it, noop when the client did (lib/transports/polling.ts doClose, onClose).
  void close(Session& session, std::string why,
             wire::engineio::PacketType ends_poll_with = wire::engineio::PacketType::close);
  void connection_closed(Connection& connection);

  LaneWorld& world_;
  EndpointId endpoint_;
  bool socketio_;
  std::deque<std::unique_ptr<Connection>> connections_;  // every one accepted
  std::deque<std::unique_ptr<Session>> sessions_;        // every one opened: timers hold them
  std::unordered_map<std::string, Session*> by_sid_;     // the open ones
  std::vector<Session*> by_client_;                      // each client's open session
  // Messages for a client whose page has not opened a session yet; after one has, a message
  // for a client without a session is lost, as Socket.IO's broadcast loses it.
  std::vector<std::vector<MessageId>> before_first_;
  std::vector<bool> had_session_;
  std::uint32_t engine_ids_ = 0;    // engine.io's base64id counter
  std::uint32_t socketio_ids_ = 0;  // socket.io's own copy of it, counted apart
};

}  // namespace pushlab::sim
