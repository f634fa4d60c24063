#pragma once
// The browser's side of the simulated Engine.IO v4 lane, as engine.io-client 6.6 and, above it,
// socket.io-client 4.8 behave (lib/socket.ts, lib/transports/polling.ts, lib/manager.ts): the
// polling handshake, one GET always out and at most one POST, the probe WebSocket and the pause
// of polling before "5", pongs, a ping deadline of pingInterval + pingTimeout, and reconnecting
// with Socket.IO's backoff (1 s doubling to 5 s, randomization 0.5) after a session ends.

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/cluster/reconnect_backoff.hpp"
#include "sim/transports/browser_connections.hpp"
#include "sim/transports/transport_model.hpp"
#include "sim/wire/engineio/packet.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"

namespace pushlab::sim {

class EngineIoClient final : public ClientModel {
 public:
  EngineIoClient(LaneWorld& world, int client);

  void start() override { handshake(); }
  void send(MessageId id) override;
  void stop() override;

 private:
  // A WebSocket: the probe, which becomes the transport once "5" is sent on it, or, `direct`,
  // the transport of a session that opens on it (transports: ["websocket"]).
  struct Probe {
    enum class Phase { connecting, handshaking, probing, open, ended };
    Probe(TcpConnection& tcp, bool tls, int of_session, bool only_transport)
        : socket(tcp, Side::opener, tls), session(of_session), direct(only_transport) {}
    Socket socket;
    int session;
    bool direct;
    Phase phase = Phase::connecting;
    std::string key;
    wire::websocket::FrameDecoder decoder{{.role = wire::websocket::Role::client}};
  };
  struct Outgoing {
    wire::engineio::Packet packet;
    std::optional<MessageId> message;
  };

  bool current(int session) const { return session == session_ && open_or_opening_; }
  void handshake();
  void get();
  void answered_get(int session, PooledConnection& connection, const WireFrame& answer);
  void read_packets(std::string_view body, const WireFrame& carrier);
  void read_packet(const wire::engineio::Packet& packet);
  void opened(const wire::engineio::Packet& packet);
  void write(Outgoing outgoing);
  void flush();
  void post();
  void answered_post(int session, PooledConnection& connection, const WireFrame& answer);
  void send_message(MessageId id);

  void open_websocket(bool direct);
  void probe_handshake(Probe& probe);
  void probe_received(Probe& probe, const WireFrame& frame);
  void probe_failed(Probe& probe, std::string why);
  void websocket_packet(Probe& probe, const wire::engineio::Packet& packet);
  void finish_pause();
  void send_on_websocket(const Outgoing& outgoing, std::string note);

  void expect_ping();
  void session_ended(std::string why);
  Nanoseconds next_reconnect_delay();

  LaneWorld& world_;
  int client_;
  bool socketio_;
  BrowserConnections connections_;
  int session_ = 0;  // counts handshakes: an answer from an older session is ignored
  bool open_or_opening_ = false;
  bool open_ = false;
  std::string sid_;
  Nanoseconds ping_interval_{0};
  Nanoseconds ping_timeout_{0};
  bool polling_ = false;        // a GET is out
  bool posting_ = false;        // a POST is out
  bool pausing_ = false;        // 3probe came: polling finishes what is out, then "5"
  Probe* websocket_ = nullptr;  // the probe, then the transport
  bool upgraded_ = false;
  bool connected_ = false;              // Socket.IO's CONNECT answered (or no Socket.IO)
  std::vector<Outgoing> write_buffer_;  // Engine.IO's writeBuffer
  std::vector<MessageId> send_buffer_;  // Socket.IO's sendBuffer, until connected
  std::optional<EventId> ping_deadline_;
  std::optional<EventId> reconnect_;
  std::optional<ReconnectBackoff> cluster_backoff_;
  Rng backoff_rng_;
  int attempts_ = 0;  // reconnect attempts since the last open session
  bool stopped_ = false;
  WireFrame post_request_;  // the POST being sent: made before a connection is lent to it
  std::deque<std::unique_ptr<Probe>> probes_;  // every one made: TCP may still call back
};

}  // namespace pushlab::sim
