#pragma once
// One Engine.IO v4 session of the live server, without the sockets: the HTTP and WebSocket
// sessions of server.cpp hand it the requests and frames that arrive, and it answers through
// the callbacks they give it. It behaves as the simulated server does (sim/transports/
// engine_io_server.hpp), as engine.io 6.6 behaves: a held poll answered by any packet, POSTs,
// the probe (2probe, 3probe, a noop every 100 ms, then 5), pings every pingInterval and a pong
// within pingTimeout, and, with Socket.IO, the CONNECT on "/" and events. Everything runs on
// the server's one io_context thread.

#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "live/feed.hpp"
#include "sim/wire/engineio/packet.hpp"

namespace pushlab::live::engine_io {

namespace eio = sim::wire::engineio;

struct Settings {
  std::chrono::milliseconds ping_interval{25000};  // engine.io's defaults (lib/server.ts)
  std::chrono::milliseconds ping_timeout{20000};
  bool upgrades = true;
  // Every message a client sends comes back to it: for demonstrations and the protocol's
  // conformance suite, whose test server echoes.
  bool echo = false;
  std::size_t max_payload = 1'000'000;
};

class Hub;

class Session : public std::enable_shared_from_this<Session> {
 public:
  using AnswerPoll = std::function<void(std::string payload)>;
  using SendFrame = std::function<void(const eio::Packet& packet)>;
  using CloseFrame = std::function<void()>;

  Session(Hub& hub, std::string sid, int client, bool socketio);
  ~Session();

  const std::string& sid() const { return sid_; }
  int client() const { return client_; }
  bool is_open() const { return open_; }
  std::string_view transport() const { return upgraded_ ? "websocket" : "polling"; }

  // The open packet has gone (on the handshake's response or the first WebSocket frame).
  void opened();

  // A GET: answered at once if packets wait, else when one comes. False if a poll is held
  // already: the caller answers 400, and the session has ended ("overlap from client").
  bool poll(AnswerPoll answer);
  // The held poll's connection closed first: the session ends, as on the reference server.
  void poll_gone();
  // A POST's body, read.
  void post(std::string_view body);

  // A WebSocket for this session: the probe, or (`probe` false) a session's only transport.
  void attach_websocket(SendFrame send, CloseFrame close, bool probe);
  void websocket_packet(const eio::Packet& packet);
  void websocket_gone();

  // Ends the session; a held poll gets `ends_poll_with`.
  void close(eio::PacketType ends_poll_with = eio::PacketType::close);

 private:
  void read_packet(const eio::Packet& packet);
  void read_socketio(const eio::Packet& packet);
  void received(const eio::Packet& packet, std::string payload);
  void probe_packet(const eio::Packet& packet);
  void check_for_noop();
  void upgrade();
  void send(eio::Packet packet);
  void flush();
  void answer_poll(std::vector<eio::Packet> packets);
  void schedule_ping();
  void ping();
  void subscribe();
  void send_new_messages();

  Hub& hub_;
  std::string sid_;
  int client_;
  bool socketio_;
  bool open_ = true;
  bool connected_ = false;  // Socket.IO's CONNECT answered (or no Socket.IO)
  std::vector<eio::Packet> buffer_;
  AnswerPoll held_;
  SendFrame websocket_;
  CloseFrame close_websocket_;
  SendFrame probe_;
  CloseFrame close_probe_;
  bool upgraded_ = false;
  boost::asio::steady_timer ping_timer_;
  boost::asio::steady_timer pong_timer_;
  boost::asio::steady_timer noop_timer_;
  boost::asio::steady_timer upgrade_timer_;
  std::optional<Feed::Token> token_;
  std::int64_t last_sent_ = -1;
};

}  // namespace pushlab::live::engine_io
