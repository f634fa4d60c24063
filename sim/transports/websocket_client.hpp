#pragma once
// The browser's side of a simulated WebSocket (RFC 6455): the opening handshake, masked frames,
// answering pings, the close handshake, and reconnecting after a connection that ended without
// a close frame, as a page's library does.

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cluster/reconnect_backoff.hpp"
#include "sim/net/socket.hpp"
#include "sim/transports/transport_model.hpp"
#include "sim/wire/http/message.hpp"
#include "sim/wire/websocket/frame.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"

namespace pushlab::sim {

class WebSocketClient final : public ClientModel {
 public:
  WebSocketClient(LaneWorld& world, int client);

  void start() override;
  void send(MessageId id) override;
  void stop() override;

 private:
  std::string handshake_target();
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
    std::uint16_t close_code = 0;  // the server's, when it closed first
    wire::websocket::FrameDecoder decoder{{.role = wire::websocket::Role::client}};
  };

  void open_connection(std::string why);
  void send_handshake(ClientConnection& connection, const std::string& why);
  void received(ClientConnection& connection, const WireFrame& frame);
  void read_handshake_response(ClientConnection& connection, const WireFrame& frame);
  void fail_handshake(ClientConnection& connection, const std::string& problem,
                      const std::optional<wire::http::Response>& response);
  void read_frame(ClientConnection& connection, const wire::websocket::Frame& frame,
                  const WireFrame& carrier);
  void send_pong(ClientConnection& connection, const wire::websocket::Frame& ping);
  void reconnect_later(ClientConnection& connection, std::string note);
  void expect_ping(ClientConnection& connection);
  void heartbeat_lost(ClientConnection& connection);
  void read_close(ClientConnection& connection, const wire::websocket::Frame& frame);
  void peer_closed(ClientConnection& connection);
  void closed_abnormally(ClientConnection& connection);
  void close_connection(ClientConnection& connection);
  Nanoseconds next_reconnect_delay();
  void send_text(ClientConnection& connection, MessageId id, std::string_view waited);

  LaneWorld& world_;
  int client_;
  ClientConnection* latest_ = nullptr;  // the connection opened last
  std::vector<MessageId> outbox_;       // messages waiting for the socket to open
  std::optional<EventId> reconnect_;
  std::optional<EventId> heartbeat_;  // in a cluster with pings: when a silent server is dead
  std::optional<ReconnectBackoff> backoff_;  // in a cluster: the scenario's reconnect policy
  std::optional<MessageId> last_received_;   // the resume point (sim/transports/stream_resume.hpp)
  int handshakes_ = 0;
  bool stopped_ = false;
  std::deque<std::unique_ptr<ClientConnection>> connections_;  // every one made
};

}  // namespace pushlab::sim
