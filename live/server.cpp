#include "live/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <sys/resource.h>

#include <charconv>
#include <deque>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "live/feed.hpp"
#include "live/self_signed.hpp"
#include "sim/transports/message_payload.hpp"
#include "sim/transports/traffic_plan.hpp"

namespace pushlab::live {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

template <class Stream>
constexpr bool kTls = std::is_same_v<Stream, TlsStream>;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// What every session needs of the server.
struct Shared {
  ServerOptions options;
  Feed feed;
  ServerCounts counts;
};

// The value of `name` in the target's query ("/poll?client=2" -> "2"), if present.
std::optional<std::string_view> query_value(std::string_view target, std::string_view name) {
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t equals = pair.find('=');
    if (pair.substr(0, equals) == name) {
      return equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

// The 0-based client a request names (?client=N counts from 1; none means 1), if valid.
std::optional<int> client_of(const Feed& feed, std::string_view target) {
  const auto value = query_value(target, "client");
  if (!value) return 0;
  int client = 0;
  const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), client);
  if (error != std::errc{} || end != value->data() + value->size() ||
      !feed.has_client(client - 1)) {
    return std::nullopt;
  }
  return client - 1;
}

std::string json_array(const std::vector<FeedMessage>& messages) {
  std::string body = "[";
  for (const FeedMessage& message : messages) {
    if (body.size() > 1) body += ',';
    body += '"' + message.payload + '"';  // payloads never hold '"', '\\' or line breaks
  }
  return body + ']';
}

Response make_response(const Request& request, http::status status, std::string body = {},
                       std::string_view content_type = "text/plain; charset=utf-8") {
  Response response{status, request.version()};
  response.set(http::field::server, "PushLab");
  if (!body.empty()) response.set(http::field::content_type, content_type);
  response.set(http::field::cache_control, "no-cache");
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response error_response(const Request& request, http::status status, std::string_view why) {
  return make_response(request, status, std::string(why) + "\n");
}

// A WebSocket: each of the client's messages becomes a text frame, written one at a time in
// order; the client's frames are its messages to the server. Beast checks what RFC 6455
// requires of a client (masking, UTF-8 in text, close codes) and closes with the RFC's code.
template <class Stream>
class WebSocketSession : public std::enable_shared_from_this<WebSocketSession<Stream>> {
 public:
  WebSocketSession(Stream stream, std::shared_ptr<Shared> shared, int client)
      : stream_(std::move(stream)), shared_(std::move(shared)), client_(client) {}

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
    if (token_) shared_->feed.unsubscribe(client_, *token_);
    --shared_->counts.open_connections;
  }

 private:
  void on_open() {
    std::weak_ptr<WebSocketSession> weak = this->shared_from_this();
    token_ = shared_->feed.subscribe(client_, [weak] {
      if (auto self = weak.lock()) self->send_new();
    });
    send_new();
    read();
  }

  void send_new() {
    for (FeedMessage& message : shared_->feed.since(client_, last_sent_)) {
      last_sent_ = static_cast<std::int64_t>(message.id);
      outbox_.push_back(std::move(message.payload));
    }
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
    stream_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code error,
                                                                  std::size_t) {
      if (error) return;  // closed, or a broken rule (Beast has sent the close frame)
      self->shared_->feed.receive(self->client_, beast::buffers_to_string(self->buffer_.data()));
      ++self->shared_->counts.received;
      self->buffer_.consume(self->buffer_.size());
      self->read();
    });
  }

  websocket::stream<Stream> stream_;
  std::shared_ptr<Shared>
      shared_;  // owned with the server: it outlives the io_context's last handler
  int client_;
  beast::flat_buffer buffer_;
  std::deque<std::string> outbox_;
  bool writing_ = false;
  std::int64_t last_sent_ = -1;
  std::optional<Feed::Token> token_;
};

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

  void route(Request request) {
    const std::string_view target = request.target();
    const std::string_view path = path_of(target);
    const auto client = client_of(shared_->feed, target);
    if (path == "/" || path == "/index.html") return serve_page(request);
    if (!client) {
      return send(error_response(request, http::status::bad_request,
                                 "client must be 1 to " + std::to_string(shared_->feed.clients())));
    }
    if (path == "/ws" && websocket::is_upgrade(request))
      return upgrade(std::move(request), *client);
    if (path == "/send") return receive(request, *client);
    if (request.method() != http::verb::get) {
      return send(error_response(request, http::status::method_not_allowed, "GET only"));
    }
    if (path == "/poll") return send(poll_response(request, *client));
    if (path == "/lp") return hold(std::move(request), *client);
    if (path == "/events") return stream_events(std::move(request), *client);
    if (path == "/ws") {
      return send(error_response(request, http::status::upgrade_required,
                                 "a WebSocket handshake (Upgrade: websocket) is needed here"));
    }
    send(error_response(request, http::status::not_found, "no such endpoint"));
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
  static std::optional<std::size_t> received_of(const Request& request) {
    const auto value = query_value(request.target(), "received");
    std::size_t received = 0;
    if (!value ||
        std::from_chars(value->data(), value->data() + value->size(), received).ec != std::errc{}) {
      return std::nullopt;
    }
    return received;
  }

  bool has_waiting(const Request& request, int client) const {
    const auto received = received_of(request);
    return received ? shared_->feed.published(client) > *received
                    : shared_->feed.has_waiting(client);
  }

  Response poll_response(const Request& request, int client) {
    const auto received = received_of(request);
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
  }

  void answer_held() {
    if (!held_) return;
    unsubscribe();
    hold_timer_.cancel();
    Request request = std::move(*held_);
    held_.reset();
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

  void upgrade(Request request, int client) {
    handed_to_websocket_ = true;
    auto session = std::make_shared<WebSocketSession<Stream>>(std::move(stream_), shared_, client);
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
  char discard_[512];
};

}  // namespace

struct Server::Impl {
  explicit Impl(ServerOptions options)
      : shared((allow_many_files(), make_shared_state(std::move(options)))),
        acceptor(io),
        tls_context(ssl::context::tls_server),
        plan(sim::plan_traffic(shared->options.scenario)),
        publish_timer(io),
        signals(io) {
    if (shared->options.tls) use_self_signed_certificate();
    beast::error_code bad_address;
    const auto address = asio::ip::make_address(shared->options.bind, bad_address);
    if (bad_address) {
      throw std::runtime_error(
          "\"" + shared->options.bind +
          "\" is not an IP address to listen on (e.g. 127.0.0.1, 0.0.0.0, ::1)");
    }
    const tcp::endpoint endpoint{address, shared->options.port};
    try {
      acceptor.open(endpoint.protocol());
      acceptor.set_option(asio::socket_base::reuse_address(true));
      acceptor.bind(endpoint);
      acceptor.listen(asio::socket_base::max_listen_connections);
    } catch (const boost::system::system_error& error) {
      throw std::runtime_error("cannot listen on " + shared->options.bind + ":" +
                               std::to_string(shared->options.port) + ": " +
                               error.code().message());
    }
  }

  // Each client is a socket, and so a file: raise this process's limit of open files to what
  // the system allows (often 1,024 by default, far fewer than a classroom load test needs).
  static void allow_many_files() {
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
      files.rlim_cur = files.rlim_max;
      setrlimit(RLIMIT_NOFILE, &files);
    }
  }

  static std::shared_ptr<Shared> make_shared_state(ServerOptions options) {
    const int clients = options.scenario.clients;
    return std::make_shared<Shared>(
        Shared{.options = std::move(options), .feed = Feed(clients), .counts = {}});
  }

  void use_self_signed_certificate() {
    const SelfSignedCertificate made = make_self_signed_certificate();
    tls_context.use_certificate_chain(asio::buffer(made.certificate_pem));
    tls_context.use_private_key(asio::buffer(made.private_key_pem), ssl::context::pem);
  }

  void start_session(tcp::socket socket) {
    if (shared->options.tls) {
      std::make_shared<HttpSession<TlsStream>>(TlsStream(std::move(socket), tls_context), shared)
          ->start();
    } else {
      std::make_shared<HttpSession<PlainStream>>(PlainStream(std::move(socket)), shared)->start();
    }
  }

  void accept() {
    acceptor.async_accept([this](beast::error_code error, tcp::socket socket) {
      if (error) return;  // the acceptor was closed: stopping
      if (shared->counts.open_connections >= shared->options.max_connections) {
        socket.close();  // over the limit: refused at once rather than left waiting
      } else {
        start_session(std::move(socket));
      }
      accept();
    });
  }

  // The scenario's server-to-client messages, each at its planned moment.
  void publish_next() {
    while (next_planned < plan.size() &&
           plan[next_planned].direction != sim::Direction::server_to_client) {
      ++next_planned;
    }
    if (next_planned >= plan.size()) return;
    const sim::PlannedMessage& message = plan[next_planned];
    const auto wall = std::chrono::nanoseconds{static_cast<std::int64_t>(
        static_cast<double>(message.at.count()) / shared->options.time_scale)};
    publish_timer.expires_at(started + wall);
    publish_timer.async_wait([this](beast::error_code error) {
      if (error) return;
      const sim::PlannedMessage& due = plan[next_planned];
      shared->feed.publish(due.client, next_planned,
                           sim::message_payload(next_planned, due.payload_bytes));
      ++shared->counts.published;
      ++next_planned;
      publish_next();
    });
  }

  asio::io_context io;
  // Sessions share it: those still pending when the server goes are destroyed with the
  // io_context, after the server's own members, and must find it alive.
  std::shared_ptr<Shared> shared;
  tcp::acceptor acceptor;
  ssl::context tls_context;
  std::vector<sim::PlannedMessage> plan;
  std::size_t next_planned = 0;
  asio::steady_timer publish_timer;
  asio::signal_set signals;
  std::chrono::steady_clock::time_point started;
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() = default;

unsigned short Server::port() const {
  return impl_->acceptor.local_endpoint().port();
}

void Server::run(bool stop_on_signals) {
  if (stop_on_signals) {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.async_wait([this](beast::error_code, int) { stop(); });
  }
  impl_->started = std::chrono::steady_clock::now();
  impl_->accept();
  impl_->publish_next();
  impl_->io.run();
}

void Server::stop() {
  asio::post(impl_->io, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
    impl->publish_timer.cancel();
    impl->signals.cancel(ignored);
    impl->io.stop();
  });
}

bool Server::tls() const {
  return impl_->shared->options.tls;
}

ServerCounts Server::counts() const {
  return impl_->shared->counts;
}

}  // namespace pushlab::live
