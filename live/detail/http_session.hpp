#pragma once

#include <charconv>
#include <chrono>
#include <cstdint>
#include <deque>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "live/detail/engine_io_websocket.hpp"
#include "live/detail/session_common.hpp"
#include "live/detail/websocket_session.hpp"
#include "live/target_query.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/wire/engineio/payload.hpp"
#include "sim/wire/websocket/handshake.hpp"
#include "sim/wire/websocket/rfc6455.hpp"

namespace pushlab::live::detail {

// One HTTP connection: requests one after another (keep-alive), each answered by the endpoint
// its path names. A long poll or an event stream holds the connection while it waits.
template <class Stream>
class HttpSession : public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  HttpSession(Stream stream, std::shared_ptr<Shared> shared)
      : stream_(std::move(stream)),
        shared_(std::move(shared)),
        hold_timer_(stream_.get_executor()) {
    ++shared_->counts.connections;
    ++shared_->counts.open_connections;
  }

  ~HttpSession() {
    unsubscribe();
    if (!handed_to_websocket_) --shared_->counts.open_connections;
  }

  // Over TLS, the handshake first (the certificate is the server's self-signed one).
  void start() {
    if constexpr (kTls<Stream>) {
      lowest().expires_after(shared_->options.request_timeout);
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code error) {
                                if (error) return self->close();
                                self->read();
                              });
    } else {
      read();
    }
  }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_->options.header_limit));
    parser_->body_limit(shared_->options.body_limit);
    lowest().expires_after(shared_->options.request_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                       self->on_read(error);
                     });
  }

  void on_read(beast::error_code error) {
    if (error == http::error::end_of_stream || error == beast::error::timeout ||
        error == asio::error::connection_reset || error == asio::error::operation_aborted ||
        error == ssl::error::stream_truncated) {
      return close();
    }
    if (error) return refuse(error);
    ++shared_->counts.requests;
    lowest().expires_never();
    route(parser_->release());
  }

  // A request that broke a limit or HTTP's grammar: the status that says which, then close.
  void refuse(beast::error_code error) {
    Request request;
    request.version(11);
    request.keep_alive(false);
    http::status status = http::status::bad_request;
    if (error == http::error::header_limit) status = http::status::request_header_fields_too_large;
    if (error == http::error::body_limit) status = http::status::payload_too_large;
    send(error_response(request, status, error.message()));
  }

  // Dispatches by the contract's paths (sim/transports/http_contract.hpp).
  void route(Request request) {
    namespace contract = sim::contract;
    const std::string_view target = request.target();
    const std::string_view path = contract::path_of(target);
    if (path == "/" || path == "/index.html") return serve_page(request);
    if (const auto origin = request.find(http::field::origin);
        origin != request.end() && !shared_->origins.allows(origin->value())) {
      ++shared_->counts.forbidden;
      return send(error_response(request, http::status::forbidden,
                                 shared_->origins.refusal(origin->value())));
    }
    const auto client = client_index(target, shared_->feed.clients());
    if (!client) {
      return send(error_response(request, http::status::bad_request,
                                 "client must be 1 to " + std::to_string(shared_->feed.clients())));
    }
    const std::optional<sim::Transport> transport = contract::transport_at(path);
    if (transport == sim::Transport::engine_io) {
      return engine_io(std::move(request), *client, path == contract::kSocketIoPath);
    }
    const bool echo = path == contract::kEchoPath;
    if (echo || transport == sim::Transport::websocket) {
      return open_websocket(std::move(request), *client, echo);
    }
    if (path == contract::kSendPath) return receive(request, *client);
    if (request.method() != http::verb::get) {
      return send(error_response(request, http::status::method_not_allowed, "GET only"));
    }
    if (!transport)
      return send(error_response(request, http::status::not_found, "no such endpoint"));
    switch (*transport) {
      case sim::Transport::short_poll:
        return send(poll_response(request, *client));
      case sim::Transport::long_poll:
        return hold(std::move(request), *client);
      case sim::Transport::sse:
        return stream_events(std::move(request), *client);
      case sim::Transport::engine_io:  // answered above
      case sim::Transport::websocket:
        break;  // upgraded above
    }
  }

  // Every handshake is decided by sim/wire's own checks (RFC 6455 section 4.2.1), as the
  // simulated server decides it, before Beast accepts it: both servers answer alike.
  void open_websocket(Request request, int client, bool echo) {
    namespace ws = sim::wire::websocket;
    if (const auto problem = ws::check_handshake_request(as_wire_request(request))) {
      Response refusal =
          error_response(request, static_cast<http::status>(problem->status), problem->reason);
      if (problem->status == 426) {
        refusal.set(http::field::sec_websocket_version, std::string(ws::kVersion));
      }
      return send(std::move(refusal));
    }
    upgrade(std::move(request), client, echo);
  }

  static sim::wire::http::Request as_wire_request(const Request& request) {
    const unsigned version = request.version();
    sim::wire::http::Request asked{
        .method = std::string(request.method_string()),
        .target = std::string(request.target()),
        .version = "HTTP/" + std::to_string(version / 10) + "." + std::to_string(version % 10),
        .fields = {},
        .body = {}};
    for (const auto& field : request) {
      asked.fields.add(std::string(field.name_string()), std::string(field.value()));
    }
    return asked;
  }

  void serve_page(const Request& request) {
    std::ifstream file(shared_->options.web_dir / "index.html", std::ios::binary);
    if (!file) return send(error_response(request, http::status::not_found, "no demo page"));
    std::ostringstream page;
    page << file.rdbuf();
    send(make_response(request, http::status::ok, page.str(), "text/html; charset=utf-8"));
  }

  // "&received=K": the poller has K of the client's messages and wants the rest; without it,
  // the client's mailbox is emptied.
  bool has_waiting(const Request& request, int client) const {
    const auto received = sim::contract::number_in(request.target(), sim::contract::kReceivedKey);
    return received ? shared_->feed.published(client) > *received
                    : shared_->feed.has_waiting(client);
  }

  Response poll_response(const Request& request, int client) {
    const auto received = sim::contract::number_in(request.target(), sim::contract::kReceivedKey);
    const std::vector<FeedMessage> waiting =
        received ? shared_->feed.from(client, *received) : shared_->feed.take_waiting(client);
    if (waiting.empty()) return make_response(request, http::status::no_content);
    return make_response(request, http::status::ok, json_array(waiting), "application/json");
  }

  void receive(const Request& request, int client) {
    if (request.method() != http::verb::post) {
      return send(error_response(request, http::status::method_not_allowed, "POST only"));
    }
    shared_->feed.receive(client, request.body());
    ++shared_->counts.received;
    send(make_response(request, http::status::no_content));
  }

  // Long polling: answer at once if messages wait, else when one comes or the timeout passes.
  void hold(Request request, int client) {
    if (has_waiting(request, client)) return send(poll_response(request, client));
    held_ = std::move(request);
    client_ = client;
    std::weak_ptr<HttpSession> weak = this->shared_from_this();
    token_ = shared_->feed.subscribe(client, [weak] {
      if (auto self = weak.lock()) self->answer_held();
    });
    // The timer's wait holds the session alive while the request is held.
    hold_timer_.expires_after(scaled(shared_->options.scenario.long_poll.timeout));
    hold_timer_.async_wait([self = this->shared_from_this()](beast::error_code error) {
      if (!error) self->answer_held();
    });
    // Notice the browser leaving while its request is held, as a held request is closed at
    // once in the simulator. Browsers do not pipeline, so anything read here ends the session.
    stream_.async_read_some(asio::buffer(discard_), [self = this->shared_from_this()](
                                                        beast::error_code error, std::size_t) {
      if (error != asio::error::operation_aborted) self->close();
    });
  }

  void answer_held() {
    if (!held_) return;
    unsubscribe();
    hold_timer_.cancel();
    Request request = std::move(*held_);
    held_.reset();
    beast::error_code ignored;
    lowest().socket().cancel(ignored);  // the read that watched for the browser leaving
    send(poll_response(request, client_));
  }

  // Server-Sent Events: a chunked response that never ends; every message of the client after
  // Last-Event-ID (or all of them) is an event.
  void stream_events(Request request, int client) {
    client_ = client;
    std::int64_t after = -1;
    if (const auto last = request.find("Last-Event-ID"); last != request.end()) {
      const std::string_view value = last->value();
      std::from_chars(value.data(), value.data() + value.size(), after);
    }
    last_event_ = after;
    auto head =
        std::make_shared<http::response<http::empty_body>>(http::status::ok, request.version());
    head->set(http::field::server, "PushLab");
    head->set(http::field::content_type, "text/event-stream");
    head->set(http::field::cache_control, "no-cache");
    head->chunked(true);
    auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*head);
    http::async_write_header(
        stream_, *serializer,
        [self = this->shared_from_this(), head, serializer](beast::error_code error, std::size_t) {
          if (error) return self->close();
          self->start_stream();
        });
  }

  void start_stream() {
    std::weak_ptr<HttpSession> weak = this->shared_from_this();
    token_ = shared_->feed.subscribe(client_, [weak] {
      if (auto self = weak.lock()) self->send_events();
    });
    // The reconnection time first, as the simulated server announces it.
    const auto retry =
        std::chrono::duration_cast<std::chrono::milliseconds>(shared_->options.scenario.sse.retry);
    events_.push_back("retry: " + std::to_string(retry.count()) + "\n");
    send_events();
    // Notice the browser leaving: a read that ends when the connection does.
    stream_.async_read_some(
        asio::buffer(discard_),
        [self = this->shared_from_this()](beast::error_code, std::size_t) { self->close(); });
  }

  void send_events() {
    for (const FeedMessage& message : shared_->feed.since(client_, last_event_)) {
      last_event_ = static_cast<std::int64_t>(message.id);
      events_.push_back("id: " + std::to_string(message.id) + "\ndata: " + message.payload +
                        "\n\n");
    }
    if (!writing_events_) write_next_event();
  }

  void write_next_event() {
    if (events_.empty()) {
      writing_events_ = false;
      return;
    }
    writing_events_ = true;
    asio::async_write(stream_, http::make_chunk(asio::buffer(events_.front())),
                      [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                        if (error) return self->close();
                        self->events_.pop_front();
                        self->write_next_event();
                      });
  }

  // Engine.IO v4 (live/engine_io/): the reference server's checks and errors, then the
  // handshake, a poll, a POST, or a WebSocket (the probe, or a session that opens on one).
  void engine_io(Request request, int client, bool socketio) {
    namespace eio = sim::wire::engineio;
    const std::string_view target = request.target();
    const auto query = [&](std::string_view name) {
      return sim::contract::query_value(target, name).value_or(std::string_view{});
    };
    const bool upgrade = websocket::is_upgrade(request);
    const std::string method(request.method_string());
    engine_io::Hub& hub = *shared_->engine_io;
    if (const auto code = hub.refusal({.method = method,
                                       .transport = query("transport"),
                                       .eio = query("EIO"),
                                       .sid = query("sid"),
                                       .upgrade = upgrade,
                                       .session_transport = std::nullopt})) {
      if (upgrade) return refuse_upgrade(*code);
      return send(engine_io_response(request, static_cast<http::status>(eio::error_status(*code)),
                                     eio::error_body(*code), "application/json"));
    }
    std::shared_ptr<engine_io::Session> session = hub.find(query("sid"));
    if (upgrade) {
      handed_to_websocket_ = true;
      auto websocket = std::make_shared<EngineIoWebSocket<Stream>>(std::move(stream_), shared_,
                                                                   session, client, socketio);
      return websocket->start(std::move(request));
    }
    if (!session) {
      session = hub.open(client, socketio);
      Response open = engine_io_response(
          request, http::status::ok, eio::encode_polling_packet(hub.open_packet(*session, true)),
          "text/plain; charset=UTF-8");
      session->opened();
      return send(std::move(open));
    }
    if (request.method() == http::verb::get) return engine_io_poll(std::move(request), session);
    if (request.method() != http::verb::post) {
      return send(engine_io_response(request, http::status::internal_server_error, "", ""));
    }
    session->post(request.body());
    send(engine_io_response(request, http::status::ok, "ok", "text/html"));
  }

  // Held until the session has packets; a connection that closes first ends the session.
  void engine_io_poll(Request request, std::shared_ptr<engine_io::Session> session) {
    engine_poll_ = std::move(request);
    std::weak_ptr<HttpSession> weak = this->shared_from_this();
    const bool accepted = session->poll([weak](std::string payload) {
      if (auto self = weak.lock()) self->answer_engine_poll(std::move(payload));
    });
    if (!accepted) {  // another poll is held: "overlap from client"
      Request overlapping = std::move(*engine_poll_);
      engine_poll_.reset();
      return send(engine_io_response(overlapping, http::status::bad_request, "", ""));
    }
    if (!engine_poll_) return;  // answered at once
    engine_session_ = std::move(session);
    stream_.async_read_some(asio::buffer(discard_), [self = this->shared_from_this()](
                                                        beast::error_code error, std::size_t) {
      if (error == asio::error::operation_aborted) return;
      if (self->engine_poll_) {
        self->engine_poll_.reset();
        if (auto held = std::exchange(self->engine_session_, nullptr)) held->poll_gone();
      }
      self->close();
    });
  }

  void answer_engine_poll(std::string payload) {
    if (!engine_poll_) return;
    Request request = std::move(*engine_poll_);
    engine_poll_.reset();
    if (engine_session_) {
      engine_session_.reset();
      beast::error_code ignored;
      lowest().socket().cancel(ignored);  // the read that watched for the browser leaving
    }
    send(engine_io_response(request, http::status::ok, std::move(payload),
                            "text/plain; charset=UTF-8"));
  }

  // lib/server.ts abortUpgrade: written straight onto the socket, which then closes.
  void refuse_upgrade(sim::wire::engineio::ErrorCode code) {
    auto text = std::make_shared<std::string>(sim::wire::engineio::upgrade_refusal(code));
    asio::async_write(
        stream_, asio::buffer(*text),
        [self = this->shared_from_this(), text](beast::error_code, std::size_t) { self->close(); });
  }

  void upgrade(Request request, int client, bool echo) {
    handed_to_websocket_ = true;
    auto session =
        std::make_shared<WebSocketSession<Stream>>(std::move(stream_), shared_, client, echo);
    session->start(std::move(request));
  }

  void send(Response response) {
    auto shared_response = std::make_shared<Response>(std::move(response));
    http::async_write(
        stream_, *shared_response,
        [self = this->shared_from_this(), shared_response](beast::error_code error, std::size_t) {
          if (error || !shared_response->keep_alive()) return self->close();
          self->read();
        });
  }

  void close() {
    unsubscribe();
    hold_timer_.cancel();
    beast::error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
    lowest().close();
  }

  void unsubscribe() {
    if (token_) shared_->feed.unsubscribe(client_, *token_);
    token_.reset();
  }

  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  std::chrono::nanoseconds scaled(std::chrono::nanoseconds scenario_time) const {
    return std::chrono::nanoseconds{static_cast<std::int64_t>(
        static_cast<double>(scenario_time.count()) / shared_->options.time_scale)};
  }

  Stream stream_;
  std::shared_ptr<Shared>
      shared_;  // owned with the server: it outlives the io_context's last handler
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  asio::steady_timer hold_timer_;
  std::optional<Request> held_;
  int client_ = 0;
  std::optional<Feed::Token> token_;
  std::int64_t last_event_ = -1;
  std::deque<std::string> events_;
  bool writing_events_ = false;
  bool handed_to_websocket_ = false;
  std::optional<Request> engine_poll_;                  // an Engine.IO poll being held
  std::shared_ptr<engine_io::Session> engine_session_;  // whose poll it is, while watched
  char discard_[512];
};

}  // namespace pushlab::live::detail
