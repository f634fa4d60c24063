#pragma once
// The server's side of a simulated WebSocket (RFC 6455): it reads each opening handshake as it
// arrived (a proxy may have changed it), answers 101 or refuses, sends a client's messages on
// its open connection (keeping them while it has none), pings, and answers the close handshake.

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/net/socket.hpp"
#include "sim/transports/transport_model.hpp"
#include "sim/wire/websocket/frame.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "sim/wire/websocket/handshake.hpp"

namespace pushlab::sim {

class WebSocketServer final : public ServerModel {
 public:
  WebSocketServer(LaneWorld& world, EndpointId endpoint);

  void push(int client, MessageId id) override;
  bool serves(int client) const override {
    return clients_[static_cast<std::size_t>(client)].open != nullptr;
  }
  void drain() override;

 private:
  // The server's end of one connection.
  struct Connection {
    Connection(TcpConnection& tcp, bool tls) : socket(tcp, Side::acceptor, tls) {}

    void close_tcp(std::string note) { socket.connection().close(Side::acceptor, std::move(note)); }

    Socket socket;
    std::optional<int> client;  // set once its handshake is accepted
    bool close_sent = false;
    wire::websocket::FrameDecoder decoder{{.role = wire::websocket::Role::server}};
  };

  // What the server keeps for each client.
  struct PerClient {
    Connection* open = nullptr;      // the client's upgraded connection, while it lasts
    std::vector<MessageId> waiting;  // messages for the client while it has none
  };

  PerClient& at(int client) { return clients_[static_cast<std::size_t>(client)]; }

  void accept(TcpConnection& tcp);
  void received(Connection& connection, const WireFrame& frame);
  void answer_handshake(Connection& connection, const WireFrame& frame);
  void reject_handshake(Connection& connection, const wire::websocket::RequestProblem& problem);
  void open_for(int client, Connection& connection);
  void send_text(Connection& connection, MessageId id, std::string_view waited);
  void schedule_ping(Connection& connection);
  void ping(Connection& connection);
  void read_frame(Connection& connection, const wire::websocket::Frame& frame,
                  const WireFrame& carrier);
  void answer_close(Connection& connection, const wire::websocket::Frame& frame);
  void peer_closed(Connection& connection);
  void forget(Connection& connection);

  LaneWorld& world_;
  EndpointId endpoint_;
  std::vector<PerClient> clients_;                       // by client
  std::deque<std::unique_ptr<Connection>> connections_;  // every one accepted
};

}  // namespace pushlab::sim
