// Engine.IO v4, with Socket.IO above it when the scenario says so, as engine.io-client 6.6 and
// socket.io-client 4.8 do it and as the simulated page does (sim/transports/engine_io_client.hpp):
// the handshake on long polling, one GET always out and at most one POST, the probe WebSocket,
// polling paused before "5", pongs, a deadline of pingInterval + pingTimeout for the next ping,
// and a new session after Socket.IO's backoff when one ends. Every byte comes from
// sim/wire/engineio and the simulator's frames (sim/transports/engine_io_frames.hpp).

#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "live/clients/browser_page.hpp"
#include "live/clients/live_client.hpp"
#include "sim/transports/engine_io_frames.hpp"
#include "sim/transports/socketio_backoff.hpp"
#include "sim/wire/engineio/payload.hpp"
#include "sim/wire/engineio/session.hpp"
#include "sim/wire/engineio/socketio_packet.hpp"
#include "sim/wire/http/parser.hpp"
#include "sim/wire/http/serialize.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"
#include "sim/wire/websocket/handshake.hpp"

namespace pushlab::live::clients {

namespace {

namespace eio = sim::wire::engineio;
namespace sio = sim::wire::socketio;
namespace ws = sim::wire::websocket;
namespace http = sim::wire::http;
using Type = eio::PacketType;

class EngineIoClient final : public LiveClient {
 public:
  explicit EngineIoClient(const ClientContext& context)
      : context_(context),
        socketio_(context.scenario.engine_io.socketio),
        page_(std::make_unique<BrowserPage>(context.connection)),
        ping_timer_(context.connection.io),
        reconnect_timer_(context.connection.io) {}

  ~EngineIoClient() override { drop_websocket(); }

  void start() override { handshake(); }

  void send(std::string payload) override {
    if (open_ && connected_) {
      write(message_packet(payload));
    } else {
      send_buffer_.push_back(std::move(payload));  // emitted before the connection
    }
  }

  // A close packet on the transport, then the page's connections end.
  void stop() override {
    stopped_ = true;
    ping_timer_.cancel();
    reconnect_timer_.cancel();
    if (open_ && upgraded_ && websocket_) {
      write_frame(eio::Packet::text(Type::close));
      websocket_->close();
    } else if (open_) {
      write_buffer_ = {eio::Packet::text(Type::close)};
      if (!posting_) post();
    }
    open_ = false;
    page_->close();
  }

 private:
  eio::Packet message_packet(const std::string& payload) const {
    return eio::Packet::text(
        Type::message, socketio_ ? sio::encode(sio::message_event("message", payload)) : payload);
  }

  void handshake() {
    if (stopped_) return;
    ++session_;
    open_ = false;
    sid_.clear();
    upgraded_ = false;
    pausing_ = false;
    polling_ = false;
    posting_ = false;
    connected_ = !socketio_;
    write_buffer_.clear();
    drop_websocket();
    if (context_.scenario.engine_io.websocket_only) {
      open_websocket(true);
    } else {
      get();
    }
  }

  std::string polling_target() {
    return sim::engine_io::polling_target(
        context_.client, socketio_, sim::engine_io::cache_buster(context_.clock.now(), rng_), sid_);
  }

  // An exchange whose answer, if it is a 200, is read as a payload.
  Exchange exchange(sim::wire::Bytes request, std::string method, bool held,
                    std::function<void(bool ok, std::string body)> answered) {
    auto body = std::make_shared<std::string>();
    auto status = std::make_shared<int>(0);
    return {
        .request = std::move(request),
        .method = std::move(method),
        .held = held,
        .on_head = [status](const http::Response& head) { *status = head.status; },
        .on_body = [body](sim::wire::ByteView bytes) { *body += sim::wire::as_text(bytes); },
        .on_end = [status, body, answered = std::move(answered)](
                      bool complete) { answered(complete && *status == 200, std::move(*body)); }};
  }

  void get() {
    polling_ = true;
    const int session = session_;
    page_->send(
        exchange(context_.http.request("GET", polling_target(), {}).bytes, "GET", true,
                 [this, session](bool ok, std::string body) { answered_get(session, ok, body); }));
  }

  void answered_get(int session, bool ok, const std::string& body) {
    if (session != session_ || stopped_) return;
    polling_ = false;
    if (!ok) return session_ended();
    read_payload(body);
    if (session != session_ || !open_) return;
    if (pausing_) {
      finish_pause();
    } else if (!upgraded_) {
      get();
    }
  }

  void write(eio::Packet packet) {
    write_buffer_.push_back(std::move(packet));
    flush();
  }

  // Nothing while upgrading; every packet on the WebSocket; or all at once in one POST.
  void flush() {
    if (!open_ || pausing_ || write_buffer_.empty()) return;
    if (upgraded_) {
      for (const eio::Packet& packet : std::exchange(write_buffer_, {})) write_frame(packet);
      return;
    }
    if (!posting_) post();
  }

  void post() {
    posting_ = true;
    const int session = session_;
    const std::string body = eio::encode_payload(std::exchange(write_buffer_, {}));
    page_->send(exchange(
        context_.http.request("POST", polling_target(), {}, body, "text/plain;charset=UTF-8").bytes,
        "POST", false, [this, session](bool ok, const std::string&) {
          if (session != session_) return;
          posting_ = false;
          if (stopped_) return;
          if (!ok) return session_ended();
          if (pausing_) {
            finish_pause();
          } else {
            flush();
          }
        }));
  }

  void read_payload(std::string_view body) {
    const eio::DecodedPayload decoded = eio::decode_payload(body);
    const int session = session_;
    for (const eio::Packet& packet : decoded.packets) {
      if (session != session_) return;
      read_packet(packet);
    }
    if (decoded.error && session == session_) session_ended();
  }

  void read_packet(const eio::Packet& packet) {
    switch (packet.type) {
      case Type::open:
        return opened(packet);
      case Type::ping:
        write(eio::Packet::text(Type::pong));
        return expect_ping();
      case Type::close:
        return session_ended();
      case Type::message:
        if (socketio_ && !connected_) read_connect(packet);
        return;
      default:
        return;
    }
  }

  void opened(const eio::Packet& packet) {
    const auto decoded = eio::decode_open(packet.data);
    const auto* info = std::get_if<eio::OpenInfo>(&decoded);
    if (info == nullptr) return session_ended();
    open_ = true;
    sid_ = info->sid;
    ping_interval_ = std::chrono::milliseconds{info->ping_interval_ms};
    ping_timeout_ = std::chrono::milliseconds{info->ping_timeout_ms};
    expect_ping();
    if (socketio_) {
      write(eio::Packet::text(Type::message, sio::encode(sio::connect_packet())));
    } else {
      connected();
    }
    const bool offers_websocket = std::find(info->upgrades.begin(), info->upgrades.end(),
                                            "websocket") != info->upgrades.end();
    if (offers_websocket && context_.scenario.engine_io.upgrade && !upgraded_) {
      open_websocket(false);
    }
  }

  void read_connect(const eio::Packet& packet) {
    const auto decoded = sio::decode(packet.data);
    const auto* inner = std::get_if<sio::Packet>(&decoded);
    if (inner != nullptr && inner->type == sio::PacketType::connect) connected();
  }

  void connected() {
    connected_ = true;
    attempts_ = 0;
    for (const std::string& payload : std::exchange(send_buffer_, {}))
      write(message_packet(payload));
  }

  // The probe beside polling, or (`direct`) a session's only transport.
  void open_websocket(bool direct) {
    drop_websocket();
    direct_ = direct;
    websocket_open_ = false;
    probing_ = false;
    handshake_parser_ = http::ResponseParser();
    frames_ = ws::FrameDecoder({.role = ws::Role::client});
    websocket_ = std::make_shared<ClientConnection>(context_.connection);
    const int session = session_;
    websocket_->on_bytes = [this, session](sim::wire::ByteView bytes) {
      if (session == session_) websocket_bytes(bytes);
    };
    websocket_->on_closed = [this, session] {
      if (session != session_) return;
      if (upgraded_ || direct_) return session_ended();
      drop_websocket();  // a failed probe: the session stays on polling
    };
    websocket_->connect([this, session] {
      if (session != session_) return;
      key_ = ws::random_key();
      const ws::HandshakeRequestOptions options{
          .host = std::string(context_.scenario.http.host()),
          .target = sim::engine_io::websocket_target(context_.client, socketio_, sid_),
          .extra_fields = sim::fields_of(context_.scenario.http.request_headers)};
      websocket_->write(http::serialize(ws::handshake_request(key_, options)));
    });
  }

  void websocket_bytes(sim::wire::ByteView bytes) {
    if (!websocket_open_) {
      handshake_parser_.feed(bytes);
      const auto response = handshake_parser_.next_message();
      if (!response) return;
      if (ws::check_handshake_response(response->message, key_)) {
        if (direct_) return session_ended();
        return drop_websocket();  // engine.io-client gives the WebSocket up, polling goes on
      }
      websocket_open_ = true;
      const sim::wire::Bytes rest = handshake_parser_.take_upgraded_bytes();
      if (direct_) {
        upgraded_ = true;
      } else {
        probing_ = true;
        write_frame(eio::Packet::text(Type::ping, "probe"));
      }
      frames_.feed(rest);
    } else {
      frames_.feed(bytes);
    }
    while (const auto decoded = frames_.next()) {
      read_frame(decoded->frame);
      if (!websocket_) return;
    }
    if (frames_.error()) session_ended();
  }

  void read_frame(const ws::Frame& frame) {
    const ws::Opcode opcode = frame.header.opcode;
    if (opcode == ws::Opcode::ping) {
      websocket_->write(ws::encode_frame(ws::pong_frame(frame.payload, &masking_key())));
      return;
    }
    if (opcode == ws::Opcode::close) {
      websocket_->write(
          ws::encode_frame(ws::close_frame({.code = 1000, .reason = {}}, &masking_key())));
      if (upgraded_) return session_ended();
      return drop_websocket();
    }
    if (opcode != ws::Opcode::text && opcode != ws::Opcode::binary) return;
    const auto packet = eio::decode_websocket_packet(sim::wire::as_text(frame.payload),
                                                     opcode == ws::Opcode::binary);
    const auto* decoded = std::get_if<eio::Packet>(&packet);
    if (decoded == nullptr) return session_ended();
    if (probing_) {
      if (decoded->type != Type::pong || decoded->data != "probe") return drop_websocket();
      probing_ = false;
      pausing_ = true;
      return finish_pause();
    }
    read_packet(*decoded);
  }

  // Polling is paused once nothing is out: "5", then what waited, on the WebSocket.
  void finish_pause() {
    if (!pausing_ || polling_ || posting_ || !websocket_) return;
    pausing_ = false;
    upgraded_ = true;
    write_frame(eio::Packet::text(Type::upgrade));
    flush();
  }

  void write_frame(const eio::Packet& packet) {
    if (!websocket_) return;
    const eio::WebSocketPayload payload = eio::encode_websocket_packet(packet);
    const ws::Frame frame =
        payload.binary ? ws::binary_frame(sim::wire::to_bytes(payload.bytes), &masking_key())
                       : ws::text_frame(payload.bytes, &masking_key());
    websocket_->write(ws::encode_frame(frame));
  }

  void drop_websocket() {
    probing_ = false;
    pausing_ = false;
    if (!websocket_) return;
    websocket_->on_bytes = nullptr;  // they point at this client
    websocket_->on_closed = nullptr;
    websocket_->close();
    websocket_.reset();
  }

  // lib/socket.ts _resetPingTimeout: the open packet and every ping re-arm it (wall time: the
  // server announced the heartbeat on the run's time scale).
  void expect_ping() {
    ping_timer_.expires_after(ping_interval_ + ping_timeout_);
    const int session = session_;
    ping_timer_.async_wait([this, session](boost::system::error_code error) {
      if (!error && session == session_) session_ended();
    });
  }

  // The session is over: what it had open goes, and Socket.IO's Manager reconnects later.
  void session_ended() {
    if (stopped_) return;
    ++session_;  // nothing of the old session is read any more
    open_ = false;
    ping_timer_.cancel();
    drop_websocket();
    page_->close();
    page_ = std::make_unique<BrowserPage>(context_.connection);
    reconnect_timer_.expires_after(
        context_.clock.wall_duration(sim::socketio_reconnect_delay(attempts_++, rng_)));
    reconnect_timer_.async_wait([this](boost::system::error_code error) {
      if (!error) handshake();
    });
  }

  const ws::MaskingKey& masking_key() {
    for (auto& byte : mask_) byte = static_cast<std::uint8_t>(random_());
    return mask_;
  }

  ClientContext context_;
  bool socketio_;
  std::unique_ptr<BrowserPage> page_;  // a new one for each session: the old one's go with it
  asio::steady_timer ping_timer_;
  asio::steady_timer reconnect_timer_;
  sim::Rng rng_{std::random_device{}()};
  std::mt19937 random_{std::random_device{}()};
  ws::MaskingKey mask_{};
  int session_ = 0;
  bool open_ = false;
  bool connected_ = false;
  std::string sid_;
  std::chrono::milliseconds ping_interval_{0};
  std::chrono::milliseconds ping_timeout_{0};
  bool polling_ = false;
  bool posting_ = false;
  bool pausing_ = false;
  bool upgraded_ = false;
  std::vector<eio::Packet> write_buffer_;
  std::vector<std::string> send_buffer_;
  int attempts_ = 0;
  bool stopped_ = false;
  // The WebSocket: the probe, then the transport.
  std::shared_ptr<ClientConnection> websocket_;
  bool direct_ = false;
  bool websocket_open_ = false;
  bool probing_ = false;
  std::string key_;
  http::ResponseParser handshake_parser_;
  ws::FrameDecoder frames_{{.role = ws::Role::client}};
};

}  // namespace

std::unique_ptr<LiveClient> make_engine_io_client(const ClientContext& context) {
  return std::make_unique<EngineIoClient>(context);
}

}  // namespace pushlab::live::clients
