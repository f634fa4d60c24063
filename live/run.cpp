#include "live/run.hpp"

#include <boost/asio.hpp>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "live/clients.hpp"
#include "live/recording_trace.hpp"
#include "live/relay.hpp"
#include "live/server.hpp"
#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::live {

namespace {

using namespace std::chrono_literals;

// Time for every socket to open before the run's first moment.
constexpr std::chrono::milliseconds kSetupTime{100};
// After the end, what is still on its way gets this long to arrive (in scenario time, and at
// least a little wall time) before every connection is cut.
sim::Nanoseconds drain_time(const sim::Scenario& scenario) {
  const sim::Network& network = scenario.network;
  return std::max<sim::Nanoseconds>(1s, 6 * (network.latency + network.jitter));
}

// Live clients are one page each: several tabs sharing a browser's connections are the
// simulator's alone.
void refuse_what_live_mode_lacks(const sim::Scenario& scenario) {
  if (sim::runs(scenario.lanes, sim::Transport::sse) && scenario.sse.tabs > 1) {
    throw std::runtime_error("sse.tabs is " + std::to_string(scenario.sse.tabs) +
                             ", but live mode runs each client as one tab (expected sse.tabs 1, "
                             "or a run without the sse lane)");
  }
  if (scenario.cluster) {
    throw std::runtime_error(
        "the scenario has a cluster, but live mode runs one server (expected a scenario "
        "without \"cluster\"; the cluster is the simulator's: pushlab-cli run)");
  }
}

// The Origin a scenario's browser sends, copied with its other request fields: the page this
// server serves, so that its requests are not refused as another site's.
std::vector<std::string> origin_of_the_page(const sim::Scenario& scenario) {
  for (const sim::HeaderField& field : scenario.http.request_headers) {
    if (sim::wire::http::iequals(field.name, "Origin")) return {field.value};
  }
  return {};
}

// One transport's run: its own server, relay and clients.
struct LaneRun {
  LaneRun(boost::asio::io_context& io, const sim::Scenario& scenario, sim::Transport transport,
          const LiveClock& clock)
      : server(io, {.scenario = scenario,
                    .time_scale = clock.time_scale,
                    .tls = scenario.network.tls,
                    .allowed_origins = origin_of_the_page(scenario)}),
        relay(io, scenario, server.port(), clock),
        clients(io, scenario, transport, relay.port(), clock) {}

  Server server;
  Relay relay;
  Clients clients;
};

}  // namespace

sim::Trace run(const sim::Scenario& scenario, const LiveOptions& options) {
  if (!(options.time_scale > 0)) throw std::invalid_argument("the time scale must be above 0");
  refuse_what_live_mode_lacks(scenario);
  boost::asio::io_context io;
  const LiveClock clock{.origin = std::chrono::steady_clock::now() + kSetupTime,
                        .time_scale = options.time_scale};
  std::vector<std::unique_ptr<LaneRun>> lanes;
  for (const sim::LaneSpec& lane : scenario.lanes) {
    lanes.push_back(std::make_unique<LaneRun>(io, scenario, lane.transport, clock));
  }
  for (const auto& lane : lanes) {
    lane->server.start(clock.origin);
    lane->relay.start();
  }
  // The clients begin at the run's first moment, as the simulator's do at time 0.
  boost::asio::steady_timer begin(io, clock.origin);
  begin.async_wait([&lanes](boost::system::error_code) {
    for (const auto& lane : lanes) lane->clients.start();
  });

  const auto end = clock.wall(scenario.duration + drain_time(scenario)) + 100ms;
  const auto stop = [&] {
    for (const auto& lane : lanes) {
      lane->relay.stop();
      lane->server.close();
    }
    io.stop();
  };
  boost::asio::steady_timer finish(io, end);
  finish.async_wait([&](boost::system::error_code) { stop(); });

  // A few times a second: how far the run has come, and whether it is to stop early.
  bool cancelled = false;
  boost::asio::steady_timer check(io);
  std::function<void()> report = [&] {
    if (options.cancel && options.cancel->load()) {
      cancelled = true;
      return stop();
    }
    if (options.progress) {
      const double done =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - clock.origin) /
          std::chrono::duration<double>(end - clock.origin);
      options.progress(std::clamp(done, 0.0, 1.0));
    }
    check.expires_after(250ms);
    check.async_wait([&report](boost::system::error_code error) {
      if (!error) report();
    });
  };
  report();
  io.run();
  if (cancelled) throw std::runtime_error("the live run was stopped before its end");

  sim::Trace trace{.scenario = scenario.name, .source = "live", .duration = scenario.duration};
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    trace.lanes.push_back(decode_recording(lanes[i]->relay.recording(), lanes[i]->clients.logs(),
                                           scenario, scenario.lanes[i]));
  }
  return trace;
}

}  // namespace pushlab::live
