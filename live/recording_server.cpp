#include "live/recording_server.hpp"

#include <boost/asio.hpp>

#include <csignal>
#include <stdexcept>

#include "live/recording_trace.hpp"
#include "live/relay.hpp"

namespace pushlab::live {

namespace {

ServerOptions behind_the_relay(ServerOptions options) {
  options.bind = "127.0.0.1";
  options.port = 0;
  return options;
}

}  // namespace

struct RecordingServer::Impl {
  explicit Impl(ServerOptions options)
      : scenario(options.scenario),
        // The run's moment 0: the server publishes and the relay records from here.
        clock{.origin = std::chrono::steady_clock::now(), .time_scale = options.time_scale},
        listen{options.bind, options.port},
        server(io, behind_the_relay(std::move(options))),
        relay(io, scenario, server.port(), clock, listen),
        signals(io) {
    server.serve_pages_of(listen.bind, relay.port());  // the page comes through the relay
  }

  void close() {
    stopped_at = clock.now();
    relay.stop();
    server.close();
    boost::system::error_code ignored;
    signals.cancel(ignored);
    io.stop();
  }

  boost::asio::io_context io;
  sim::Scenario scenario;
  LiveClock clock;
  ListenAddress listen;
  Server server;
  Relay relay;
  boost::asio::signal_set signals;
  sim::Nanoseconds stopped_at{0};
};

RecordingServer::RecordingServer(ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

RecordingServer::~RecordingServer() = default;

unsigned short RecordingServer::port() const {
  return impl_->relay.port();
}

bool RecordingServer::tls() const {
  return impl_->server.tls();
}

void RecordingServer::run(bool stop_on_signals) {
  if (stop_on_signals) {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.async_wait([this](boost::system::error_code error, int) {
      if (!error) impl_->close();
    });
  }
  impl_->server.start(impl_->clock.origin);
  impl_->relay.start();
  impl_->io.run();
}

void RecordingServer::stop() {
  boost::asio::post(impl_->io, [impl = impl_.get()] { impl->close(); });
}

ServerCounts RecordingServer::counts() const {
  return impl_->server.counts();
}

sim::Trace RecordingServer::trace() const {
  if (impl_->server.tls()) {
    throw std::runtime_error(
        "over TLS the relay sees only encrypted records, and a browser's keys stay in the "
        "browser: serve without --tls (and a scenario without network.tls) to record a Trace");
  }
  sim::Trace trace = decode_by_transport(impl_->relay.recording(), impl_->scenario);
  trace.duration = impl_->stopped_at;  // as long as the class ran
  return trace;
}

}  // namespace pushlab::live
