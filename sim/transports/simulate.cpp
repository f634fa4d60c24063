#include "sim/transports/simulate.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <thread>

#include "sim/net/proxy_relay.hpp"
#include "sim/transports/traffic_generator.hpp"

namespace pushlab::sim {

namespace {

// Random streams of the scenario's seed, apart from the traffic's: each lane's network and
// transport draw their own, so adding a lane changes nothing in another.
constexpr std::uint64_t kNetworkStream = 1;
constexpr std::uint64_t kTransportStream = 2;
constexpr std::uint64_t kStreamsPerLane = 16;

std::uint64_t lane_stream(Transport transport, std::uint64_t which) {
  return static_cast<std::uint64_t>(transport) * kStreamsPerLane + which;
}

// Starts and stops the clients of one lane around its model.
class LaneRun {
 public:
  LaneRun(const Scenario& scenario, Transport transport, const TransportFactory& make,
          TraceSink& sink)
      : scenario_(scenario),
        network_rng_(Rng(scenario.seed).fork(lane_stream(transport, kNetworkStream))),
        transport_rng_(Rng(scenario.seed).fork(lane_stream(transport, kTransportStream))),
        net_{simulator_, network_rng_, sink},
        topology_(net_, scenario, scenario.clients),
        messages_(simulator_, sink, scenario.clients),
        world_{scenario, simulator_, topology_, messages_, transport_rng_},
        traffic_(simulator_, scenario, scenario.clients,
                 [this](int client, const TrafficSource& source) { create(client, source); }),
        stopped_(static_cast<std::size_t>(scenario.clients), false) {
    if (scenario.proxy.enabled) proxy_.emplace(topology_);
    model_ = make(world_);
  }

  void run() {
    for (int client = 0; client < scenario_.clients; ++client) model_->start_client(client);
    traffic_.start();
    messages_.on_settled = [this](int client) {
      if (traffic_over_) stop(client);
    };
    simulator_.schedule_at(scenario_.duration, [this] { end_traffic(); });
    simulator_.schedule_at(scenario_.duration + kDrainLimit, [this] { stop_all(); });
    simulator_.run_until(scenario_.duration + kDrainLimit + kCloseGrace);
    topology_.finish();
    messages_.finish();
  }

 private:
  void create(int client, const TrafficSource& source) {
    const MessageId id = messages_.create(source.direction, client, source.payload_bytes);
    if (source.direction == Direction::server_to_client) {
      model_->push(client, id);
    } else {
      model_->send(client, id);
    }
  }

  void end_traffic() {
    traffic_over_ = true;
    for (int client = 0; client < scenario_.clients; ++client) {
      if (messages_.outstanding(client) == 0) stop(client);
    }
  }

  void stop_all() {
    for (int client = 0; client < scenario_.clients; ++client) stop(client);
  }

  void stop(int client) {
    if (stopped_[static_cast<std::size_t>(client)]) return;
    stopped_[static_cast<std::size_t>(client)] = true;
    model_->stop_client(client);
  }

  const Scenario& scenario_;
  Simulator simulator_;
  Rng network_rng_;
  Rng transport_rng_;
  NetContext net_;
  Topology topology_;
  std::optional<ProxyRelay> proxy_;
  MessageBook messages_;
  LaneWorld world_;
  TrafficGenerator traffic_;
  std::unique_ptr<TransportModel> model_;
  std::vector<bool> stopped_;
  bool traffic_over_ = false;
};

}  // namespace

void run_lane(const Scenario& scenario, Transport transport, const TransportFactory& make,
              TraceSink& sink) {
  LaneRun(scenario, transport, make, sink).run();
}

void run_lane(const Scenario& scenario, Transport transport, TraceSink& sink) {
  run_lane(
      scenario, transport,
      [transport](LaneWorld& world) { return make_transport(transport, world); }, sink);
}

// Lanes share nothing but the scenario they read, so they run side by side on the machine's
// cores; each stays as deterministic as it is alone.
template <class Result>
std::vector<Result> for_each_lane(const Scenario& scenario,
                                  const std::function<Result(Transport)>& run) {
  const std::size_t lanes = scenario.transports.size();
  const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1,
                                                      std::max<std::size_t>(lanes, 1));
  std::vector<std::optional<Result>> results(lanes);
  std::vector<std::exception_ptr> errors(lanes);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t lane = next++; lane < lanes; lane = next++) {
      try {
        results[lane] = run(scenario.transports[lane]);
      } catch (...) {
        errors[lane] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  std::vector<Result> ordered;
  for (std::size_t lane = 0; lane < lanes; ++lane) {
    if (errors[lane]) std::rethrow_exception(errors[lane]);
    ordered.push_back(std::move(*results[lane]));
  }
  return ordered;
}

Trace simulate(const Scenario& scenario) {
  return {.scenario = scenario.name,
          .source = "sim",
          .duration = scenario.duration,
          .lanes = for_each_lane<Lane>(scenario, [&](Transport transport) {
            TraceRecorder recorder(transport);
            run_lane(scenario, transport, recorder);
            return std::move(recorder).finish();
          })};
}

std::vector<LaneMetrics> simulate_metrics(const Scenario& scenario) {
  return for_each_lane<LaneMetrics>(scenario, [&](Transport transport) {
    MetricsAccumulator accumulator(transport);
    run_lane(scenario, transport, accumulator);
    return accumulator.result();
  });
}

}  // namespace pushlab::sim
