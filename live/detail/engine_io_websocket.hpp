#pragma once
// An Engine.IO WebSocket: the probe of a polling session, or the only transport of a session
// that opens on it. Each frame is one packet (a text frame, or a binary frame for a binary
// message); what it carries goes to the session (live/engine_io/session.hpp), which writes
// through this one's frames.

#include <deque>
#include <memory>
#include <string>
#include <utility>

#include "live/detail/session_common.hpp"
#include "live/engine_io/hub.hpp"

namespace pushlab::live::detail {

template <class Stream>
class EngineIoWebSocket : public std::enable_shared_from_this<EngineIoWebSocket<Stream>> {
 public:
  // `session` is null for a session that opens on this WebSocket.
  EngineIoWebSocket(Stream stream, std::shared_ptr<Shared> shared,
                    std::shared_ptr<engine_io::Session> session, int client, bool socketio)
      : stream_(std::move(stream)),
        shared_(std::move(shared)),
        session_(std::move(session)),
        client_(client),
        socketio_(socketio) {}

  ~EngineIoWebSocket() { --shared_->counts.open_connections; }

  void start(Request request) {
    stream_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    stream_.read_message_max(shared_->options.body_limit);
    stream_.async_accept(request, [self = this->shared_from_this()](beast::error_code error) {
      if (!error) self->on_open();
    });
  }

 private:
  void on_open() {
    std::weak_ptr<EngineIoWebSocket> weak = this->shared_from_this();
    auto send = [weak](const engine_io::eio::Packet& packet) {
      if (auto self = weak.lock()) self->send(packet);
    };
    auto close = [weak] {
      if (auto self = weak.lock()) self->close();
    };
    const bool probe = session_ != nullptr;
    if (!probe) session_ = shared_->engine_io->open(client_, socketio_);
    session_->attach_websocket(send, close, probe);
    if (!probe) {
      send(shared_->engine_io->open_packet(*session_, false));
      session_->opened();
    }
    read();
  }

  void send(const engine_io::eio::Packet& packet) {
    outbox_.push_back(engine_io::eio::encode_websocket_packet(packet));
    if (!writing_) write_next();
  }

  void write_next() {
    if (outbox_.empty()) {
      writing_ = false;
      if (closing_) close();
      return;
    }
    writing_ = true;
    stream_.text(!outbox_.front().binary);
    stream_.async_write(asio::buffer(outbox_.front().bytes),
                        [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                          if (error) return;
                          self->outbox_.pop_front();
                          self->write_next();
                        });
  }

  // After what is queued: the session's last packet (a close) goes first.
  void close() {
    closing_ = true;
    if (writing_ || closed_) return;
    closed_ = true;
    stream_.async_close(websocket::close_code::normal,
                        [self = this->shared_from_this()](beast::error_code) {});
  }

  void read() {
    stream_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code error,
                                                                  std::size_t) {
      if (error) {
        self->session_->websocket_gone();
        return;
      }
      const std::string text = beast::buffers_to_string(self->buffer_.data());
      self->buffer_.consume(self->buffer_.size());
      const auto packet = engine_io::eio::decode_websocket_packet(text, !self->stream_.got_text());
      if (const auto* decoded = std::get_if<engine_io::eio::Packet>(&packet)) {
        self->session_->websocket_packet(*decoded);
      } else {
        self->session_->close();
      }
      self->read();
    });
  }

  websocket::stream<Stream> stream_;
  std::shared_ptr<Shared> shared_;
  std::shared_ptr<engine_io::Session> session_;
  int client_;
  bool socketio_;
  beast::flat_buffer buffer_;
  std::deque<engine_io::eio::WebSocketPayload> outbox_;
  bool writing_ = false;
  bool closing_ = false;
  bool closed_ = false;
};

}  // namespace pushlab::live::detail
