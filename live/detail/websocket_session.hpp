#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "live/detail/session_common.hpp"

namespace pushlab::live::detail {

// A WebSocket: each of the client's messages becomes a text frame, written one at a time in
// order; the client's frames are its messages to the server. Beast checks what RFC 6455
// requires of a client (masking, UTF-8 in text, close codes) and closes with the RFC's code.
template <class Stream>
class WebSocketSession : public std::enable_shared_from_this<WebSocketSession<Stream>> {
 public:
  // An echo session (the /echo endpoint, for measuring round trips) sends back each message it
  // reads, and nothing else.
  WebSocketSession(Stream stream, std::shared_ptr<Shared> shared, int client, bool echo = false)
      : stream_(std::move(stream)),
        shared_(std::move(shared)),
        client_(client),
        echo_(echo),
        ping_timer_(stream_.get_executor()) {}

  void start(Request request) {
    stream_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    stream_.read_message_max(shared_->options.body_limit);
    stream_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(http::field::server, "PushLab"); }));
    stream_.async_accept(request, [self = this->shared_from_this()](beast::error_code error) {
      if (!error) self->on_open();
    });
  }

  ~WebSocketSession() {
    ping_timer_.cancel();
    if (token_) shared_->feed.unsubscribe(client_, *token_);
    --shared_->counts.open_connections;
  }

 private:
  void on_open() {
    if (echo_) return read();
    last_sent_ = shared_->feed.pushed(client_);
    std::weak_ptr<WebSocketSession> weak = this->shared_from_this();
    token_ = shared_->feed.subscribe(client_, [weak] {
      if (auto self = weak.lock()) self->send_new();
    });
    send_new();
    read();
    schedule_ping();
  }

  // Traffic every ping_interval keeps a proxy from closing the connection as idle, as the
  // simulated server does; the client answers each ping with a pong.
  void schedule_ping() {
    const auto interval = shared_->options.scenario.websocket.ping_interval;
    if (interval <= std::chrono::nanoseconds{0}) return;
    ping_timer_.expires_after(std::chrono::nanoseconds{static_cast<std::int64_t>(
        static_cast<double>(interval.count()) / shared_->options.time_scale)});
    // Weak: a pending ping must not keep a closed session alive.
    std::weak_ptr<WebSocketSession> weak = this->shared_from_this();
    ping_timer_.async_wait([weak](beast::error_code error) {
      auto self = weak.lock();
      if (error || !self || !self->stream_.is_open()) return;
      self->stream_.async_ping({}, [weak](beast::error_code ping_error) {
        if (auto again = weak.lock(); again && !ping_error) again->schedule_ping();
      });
    });
  }

  void send_new() {
    for (FeedMessage& message : shared_->feed.since(client_, last_sent_)) {
      last_sent_ = static_cast<std::int64_t>(message.id);
      outbox_.push_back(std::move(message.payload));
    }
    shared_->feed.mark_pushed(client_, last_sent_);
    if (!writing_) write_next();
  }

  void write_next() {
    if (outbox_.empty()) {
      writing_ = false;
      return;
    }
    writing_ = true;
    stream_.text(true);
    stream_.async_write(asio::buffer(outbox_.front()),
                        [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                          if (error) return;
                          self->outbox_.pop_front();
                          self->write_next();
                        });
  }

  void read() {
    stream_.async_read(buffer_,
                       [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                         if (error)
                           return;  // closed, or a broken rule (Beast has sent the close frame)
                         std::string message = beast::buffers_to_string(self->buffer_.data());
                         self->buffer_.consume(self->buffer_.size());
                         if (self->echo_) {
                           self->outbox_.push_back(std::move(message));
                           if (!self->writing_) self->write_next();
                         } else {
                           self->shared_->feed.receive(self->client_, std::move(message));
                           ++self->shared_->counts.received;
                         }
                         self->read();
                       });
  }

  websocket::stream<Stream> stream_;
  std::shared_ptr<Shared>
      shared_;  // owned with the server: it outlives the io_context's last handler
  int client_;
  bool echo_;
  beast::flat_buffer buffer_;
  std::deque<std::string> outbox_;
  bool writing_ = false;
  std::int64_t last_sent_ = -1;
  std::optional<Feed::Token> token_;
  asio::steady_timer ping_timer_;
};

}  // namespace pushlab::live::detail
