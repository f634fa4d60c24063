// WebSocket: the opening handshake (sim/wire's request, the 101 checked as a browser checks
// it), then one masked text frame per message to the server; pings are answered with pongs;
// at the end the client starts the closing handshake and closes TCP after the server's FIN. A
// connection that ends without a close frame (1006, e.g. an idle proxy cut it) is opened again
// a second later, as the simulated page (a reconnecting library) does.

#include <optional>
#include <random>

#include "live/clients/live_client.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/wire/http/parser.hpp"
#include "sim/wire/http/serialize.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"
#include "sim/wire/websocket/handshake.hpp"

namespace pushlab::live::clients {

namespace {

namespace ws = sim::wire::websocket;
namespace http = sim::wire::http;

class WebSocketClient final : public LiveClient {
 public:
  explicit WebSocketClient(const ClientContext& context)
      : context_(context), reconnect_timer_(context.connection.io) {}

  ~WebSocketClient() override { drop_connection(); }

  void start() override { open_connection(); }

  void send(std::string payload) override {
    if (!open_) {
      waiting_.push_back(std::move(payload));  // sent once the connection is open
      return;
    }
    write(ws::text_frame(payload, &masking_key()));
  }

  void stop() override {
    stopped_ = true;
    reconnect_timer_.cancel();
    if (!open_) {
      connection_->close();
    } else {
      send_close();
    }
  }

 private:
  void open_connection() {
    drop_connection();
    open_ = false;
    close_sent_ = false;
    handshake_ = http::ResponseParser();
    frames_ = ws::FrameDecoder({.role = ws::Role::client});
    connection_ = std::make_shared<ClientConnection>(context_.connection);
    connection_->on_bytes = [this](sim::wire::ByteView bytes) { read(bytes); };
    connection_->on_closed = [this] { closed(); };
    connection_->connect([this] { send_handshake(); });
  }

  void drop_connection() {
    if (!connection_) return;
    connection_->on_bytes = nullptr;  // they point at this client
    connection_->on_closed = nullptr;
    connection_->abort();
    connection_.reset();
  }

  // Section 7.1.5: closed without a close frame is 1006; the page opens a new connection.
  void closed() {
    if (stopped_ || close_sent_ || refused_) return;
    open_ = false;
    reconnect_timer_.expires_at(context_.clock.wall(context_.clock.now() + kReconnectDelay));
    reconnect_timer_.async_wait([this](boost::system::error_code error) {
      if (!error && !stopped_) open_connection();
    });
  }

  void send_handshake() {
    key_ = ws::random_key();
    const ws::HandshakeRequestOptions options{
        .host = std::string(context_.scenario.http.host()),
        .target =
            sim::contract::with_client(sim::info(sim::Transport::websocket).path, context_.client),
        .extra_fields = sim::fields_of(context_.scenario.http.request_headers)};
    connection_->write(http::serialize(ws::handshake_request(key_, options)));
  }

  void read(sim::wire::ByteView bytes) {
    if (!open_) {
      handshake_.feed(bytes);
      const auto response = handshake_.next_message();
      if (!response) return;
      if (ws::check_handshake_response(response->message, key_)) {
        refused_ = true;  // not a WebSocket: the page's socket fails, and it does not retry
        connection_->close();
        return;
      }
      open_ = true;
      const sim::wire::Bytes rest = handshake_.take_upgraded_bytes();
      for (std::string& payload : waiting_) send(std::move(payload));
      waiting_.clear();
      if (stopped_) stop();
      frames_.feed(rest);
    } else {
      frames_.feed(bytes);
    }
    while (const auto decoded = frames_.next()) answer(decoded->frame);
    if (frames_.error()) connection_->close();
  }

  // Section 5.5: the browser answers pings and the server's close by itself.
  void answer(const ws::Frame& frame) {
    if (frame.header.opcode == ws::Opcode::ping) {
      write(ws::pong_frame(frame.payload, &masking_key()));
    } else if (frame.header.opcode == ws::Opcode::close) {
      send_close();
    }
  }

  void send_close() {
    if (close_sent_) return;
    close_sent_ = true;
    write(ws::close_frame({.code = 1000, .reason = {}}, &masking_key()));
  }

  void write(const ws::Frame& frame) { connection_->write(ws::encode_frame(frame)); }

  const ws::MaskingKey& masking_key() {
    for (auto& byte : mask_) byte = static_cast<std::uint8_t>(random_());
    return mask_;
  }

  // As the simulator's page: a reconnecting library's first delay.
  static constexpr sim::Nanoseconds kReconnectDelay = std::chrono::seconds{1};

  ClientContext context_;
  asio::steady_timer reconnect_timer_;
  std::shared_ptr<ClientConnection> connection_;
  std::string key_;
  http::ResponseParser handshake_;
  ws::FrameDecoder frames_{{.role = ws::Role::client}};
  std::vector<std::string> waiting_;
  ws::MaskingKey mask_{};
  std::mt19937 random_{std::random_device{}()};
  bool open_ = false;
  bool stopped_ = false;
  bool close_sent_ = false;
  bool refused_ = false;  // the server (or a proxy) refused the handshake
};

}  // namespace

std::unique_ptr<LiveClient> make_websocket_client(const ClientContext& context) {
  return std::make_unique<WebSocketClient>(context);
}

}  // namespace pushlab::live::clients
