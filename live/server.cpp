#include "live/server.hpp"

#include <sys/resource.h>

#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include "live/detail/http_session.hpp"
#include "live/detail/session_common.hpp"
#include "live/self_signed.hpp"
#include "sim/transports/message_payload.hpp"
#include "sim/transports/traffic_plan.hpp"

namespace pushlab::live {

using namespace detail;

struct Server::Impl {
  Impl(std::unique_ptr<asio::io_context> own_io, asio::io_context& io_context,
       ServerOptions options)
      : owned_io(std::move(own_io)),
        io(io_context),
        shared((allow_many_files(), make_shared_state(std::move(options)))),
        acceptor(io),
        tls_context(ssl::context::tls_server),
        plan(sim::plan_traffic(shared->options.scenario)),
        publish_timer(io),
        signals(io) {
    shared->engine_io.emplace(io.get_executor(), shared->feed, engine_io_settings(shared->options));
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
    shared->origins = {.own = own_origins(shared->options.tls, shared->options.bind,
                                          acceptor.local_endpoint().port()),
                       .allowed = shared->options.allowed_origins};
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
    auto shared = std::make_shared<Shared>(Shared{.options = std::move(options),
                                                  .feed = Feed(clients),
                                                  .counts = {},
                                                  .origins = {},
                                                  .engine_io = {}});
    return shared;
  }

  // The scenario's heartbeat (or serve's --ping-interval-ms and --ping-timeout-ms), on the
  // run's time scale, since the open packet tells the client what to expect.
  static engine_io::Settings engine_io_settings(const ServerOptions& options) {
    const auto scaled = [&](sim::Nanoseconds duration) {
      return std::chrono::milliseconds{std::max<std::int64_t>(
          1, static_cast<std::int64_t>(std::chrono::duration<double, std::milli>(duration).count() /
                                       options.time_scale))};
    };
    return {.ping_interval = scaled(options.scenario.engine_io.ping_interval),
            .ping_timeout = scaled(options.scenario.engine_io.ping_timeout),
            .upgrades = options.scenario.engine_io.upgrade,
            .echo = options.echo,
            .max_payload = 1'000'000};
  }

  void use_self_signed_certificate() {
    const SelfSignedCertificate made = make_self_signed_certificate();
    tls_context.use_certificate_chain(asio::buffer(made.certificate_pem));
    tls_context.use_private_key(asio::buffer(made.private_key_pem), ssl::context::pem);
    // No session tickets: a page makes few connections, and without them every encrypted
    // record after the handshake carries application data, which is how a live run's Trace
    // places the bytes the relay cannot read (tls_flow.hpp).
    SSL_CTX_set_num_tickets(tls_context.native_handle(), 0);
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
        // Each message is written as it comes: without this, a second one written before the
        // first is acknowledged waits for the peer's delayed ACK (40 ms on Linux).
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
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

  std::unique_ptr<asio::io_context> owned_io;  // when the server runs alone
  asio::io_context& io;
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

Server::Server(ServerOptions options) {
  auto io = std::make_unique<asio::io_context>();
  asio::io_context& io_context = *io;
  impl_ = std::make_unique<Impl>(std::move(io), io_context, std::move(options));
}

Server::Server(asio::io_context& io, ServerOptions options)
    : impl_(std::make_unique<Impl>(nullptr, io, std::move(options))) {}

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
  start(std::chrono::steady_clock::now());
  impl_->io.run();
}

void Server::start(std::chrono::steady_clock::time_point origin) {
  impl_->started = origin;
  impl_->accept();
  impl_->publish_next();
}

void Server::close() {
  beast::error_code ignored;
  impl_->acceptor.close(ignored);
  impl_->publish_timer.cancel();
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

void Server::serve_pages_of(const std::string& bind, unsigned short port) {
  impl_->shared->origins.own = own_origins(impl_->shared->options.tls, bind, port);
}

bool Server::tls() const {
  return impl_->shared->options.tls;
}

ServerCounts Server::counts() const {
  return impl_->shared->counts;
}

}  // namespace pushlab::live
