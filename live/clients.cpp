#include "live/clients.hpp"

#include <vector>

#include "live/clients/live_client.hpp"
#include "sim/transports/message_payload.hpp"
#include "sim/transports/traffic_plan.hpp"

namespace pushlab::live {

using namespace clients;

struct Clients::Impl {
  Impl(asio::io_context& io_context, const sim::Scenario& scenario_in, sim::Transport transport,
       unsigned short port, LiveClock clock_in)
      : io(io_context),
        scenario(scenario_in),
        http(scenario),
        clock(clock_in),
        plan(sim::plan_traffic(scenario)),
        tls(ssl::context::tls_client),
        message_timer(io_context),
        end_timer(io_context) {
    // The server's certificate is self-signed, made for this run: nothing to verify it against.
    tls.set_verify_mode(ssl::verify_none);
    const ConnectionSettings connection{.io = io,
                                        .host = {asio::ip::make_address("127.0.0.1"), port},
                                        .tls = scenario.network.tls ? &tls : nullptr,
                                        .logs = scenario.network.tls ? &logs : nullptr};
    for (int client = 0; client < scenario.clients; ++client) {
      const ClientContext context{connection, scenario, http, clock, client};
      pages.push_back(make(transport, context));
    }
  }

  static std::unique_ptr<LiveClient> make(sim::Transport transport, const ClientContext& context) {
    switch (transport) {
      case sim::Transport::short_poll:
        return make_short_poll_client(context);
      case sim::Transport::long_poll:
        return make_long_poll_client(context);
      case sim::Transport::sse:
        return make_sse_client(context);
      case sim::Transport::engine_io:
        return make_engine_io_client(context);
      case sim::Transport::websocket:
        break;
    }
    return make_websocket_client(context);
  }

  // The clients' messages to the server, each at its planned moment.
  void send_next() {
    while (next < plan.size() && plan[next].direction != sim::Direction::client_to_server) ++next;
    if (next >= plan.size() || plan[next].at >= scenario.duration) return;
    // A hair early: what the page does at the same instant (a poll) comes after the message,
    // as in the simulator, where the message was scheduled first.
    message_timer.expires_at(clock.wall(plan[next].at) - std::chrono::microseconds{1});
    message_timer.async_wait([this](boost::system::error_code error) {
      if (error) return;
      const sim::PlannedMessage& due = plan[next];
      pages.at(static_cast<std::size_t>(due.client))
          ->send(sim::message_payload(next, due.payload_bytes));
      ++next;
      send_next();
    });
  }

  asio::io_context& io;
  sim::Scenario scenario;
  sim::HttpFrames http;
  LiveClock clock;
  std::vector<sim::PlannedMessage> plan;
  std::size_t next = 0;
  ssl::context tls;
  EndpointLogs logs;  // over TLS, what only the clients see
  std::vector<std::unique_ptr<LiveClient>> pages;
  asio::steady_timer message_timer;
  asio::steady_timer end_timer;
};

Clients::Clients(asio::io_context& io, const sim::Scenario& scenario, sim::Transport transport,
                 unsigned short port, LiveClock clock)
    : impl_(std::make_unique<Impl>(io, scenario, transport, port, clock)) {}

Clients::~Clients() = default;

const EndpointLogs& Clients::logs() const {
  return impl_->logs;
}

void Clients::start() {
  for (const auto& page : impl_->pages) page->start();
  impl_->send_next();
  // A moment after the end, so that what falls due at the end itself still happens, as in the
  // simulator where the stop comes after the events of the same instant.
  impl_->end_timer.expires_at(impl_->clock.wall(impl_->scenario.duration) +
                              std::chrono::microseconds{1});
  impl_->end_timer.async_wait([impl = impl_.get()](boost::system::error_code error) {
    if (error) return;
    for (const auto& page : impl->pages) page->stop();
  });
}

}  // namespace pushlab::live
