#include "sim/transports/simulate.hpp"

#include <algorithm>
#include <mutex>
#include <numeric>
#include <optional>

#include "sim/engine/parallel_for.hpp"
#include "sim/net/proxy_relay.hpp"
#include "sim/transports/backplane.hpp"
#include "sim/transports/cluster_lane.hpp"
#include "sim/transports/lane_network.hpp"
#include "sim/transports/random_streams.hpp"
#include "sim/transports/traffic_generator.hpp"

namespace pushlab::sim {

namespace {

// Starts and stops the clients of one lane around its model.
class LaneRun {
 public:
  LaneRun(const Scenario& scenario, Transport transport, const TransportFactory& make,
          TraceSink& sink, const LaneProgress& progress)
      : scenario_(scenario),
        progress_(progress),
        network_rng_(Rng(scenario.seed).fork(streams::of_lane(transport, streams::kNetwork))),
        transport_rng_(Rng(scenario.seed).fork(streams::of_lane(transport, streams::kTransport))),
        net_{simulator_, network_rng_, sink},
        topology_(net_, network_of(scenario)),
        messages_(simulator_, sink, scenario.clients),
        world_{scenario, simulator_, topology_, messages_, transport_rng_},
        traffic_(simulator_, scenario, scenario.clients,
                 [this](const TrafficGenerator::Recipients& to, const TrafficSource& source) {
                   create(to, source);
                 }),
        stopped_(static_cast<std::size_t>(scenario.clients), false),
        proxy_settings_{.name = "the proxy", .interference = scenario.proxy},
        proxy_route_(scenario.cluster ? *topology_.balancer() : topology_.server()) {
    if (scenario.proxy.enabled) {
      proxy_.emplace(topology_, *topology_.proxy(), proxy_settings_, proxy_route_);
    }
    models_ = make(world_);
    if (scenario.cluster) {
      cluster_ = std::make_unique<ClusterLane>(world_, models_, *scenario.cluster,
                                               network_rng_.fork(streams::kBalancerPolicy));
      return;
    }
    server_ = models_.make_server(topology_.server());
    direct_ = std::make_unique<DirectBackplane>(*server_);
  }

  std::uint64_t run() {
    for (const auto& client : models_.clients) client->start();
    traffic_.start();
    messages_.on_settled = [this](int client) {
      if (traffic_over_) stop(client);
    };
    simulator_.schedule_at(scenario_.duration, [this] { end_traffic(); });
    simulator_.schedule_at(scenario_.duration + kDrainLimit, [this] { stop_all(); });
    if (progress_) report_progress(0);
    simulator_.run_until(scenario_.duration + kDrainLimit + kCloseGrace);
    if (progress_) progress_(1.0);
    topology_.finish();
    messages_.finish();
    return simulator_.events_run();
  }

 private:
  void create(const TrafficGenerator::Recipients& to, const TrafficSource& source) {
    if (source.direction == Direction::client_to_server) {
      client_model(to.first).send(
          messages_.create(source.direction, to.first, source.payload_bytes));
      return;
    }
    // One message for each client it is for, numbered in a row.
    const MessageId first = messages_.create(source.direction, to.first, source.payload_bytes);
    for (int client = to.first + 1; client < to.first + to.count; ++client) {
      messages_.create(source.direction, client, source.payload_bytes);
    }
    backplane().publish({.first_client = to.first,
                         .count = to.count,
                         .sender = to.sender,
                         .first_id = first,
                         .payload_bytes = source.payload_bytes});
  }

  Backplane& backplane() {
    if (cluster_) return *cluster_;
    return *direct_;
  }

  void end_traffic() {
    traffic_over_ = true;
    for (int client = 0; client < scenario_.clients; ++client) {
      if (messages_.outstanding(client) == 0) stop(client);
    }
  }

  // A hundred reports over the traffic's duration, each scheduling the next.
  void report_progress(int step) {
    progress_(static_cast<double>(step) / kProgressSteps);
    if (step + 1 >= kProgressSteps) return;
    simulator_.schedule_at(scenario_.duration * (step + 1) / kProgressSteps,
                           [this, step] { report_progress(step + 1); });
  }

  void stop_all() {
    for (int client = 0; client < scenario_.clients; ++client) stop(client);
  }

  void stop(int client) {
    if (stopped_[static_cast<std::size_t>(client)]) return;
    stopped_[static_cast<std::size_t>(client)] = true;
    client_model(client).stop();
  }

  ClientModel& client_model(int client) {
    return *models_.clients[static_cast<std::size_t>(client)];
  }

  static constexpr int kProgressSteps = 100;

  const Scenario& scenario_;
  const LaneProgress& progress_;
  Simulator simulator_;
  Rng network_rng_;
  Rng transport_rng_;
  NetContext net_;
  Topology topology_;
  MessageBook messages_;
  LaneWorld world_;
  TrafficGenerator traffic_;
  std::vector<bool> stopped_;
  RelaySettings proxy_settings_;
  FixedRoute proxy_route_;
  std::optional<ProxyRelay> proxy_;
  LaneModels models_;
  std::unique_ptr<ServerModel> server_;  // without a cluster
  std::unique_ptr<DirectBackplane> direct_;
  std::unique_ptr<ClusterLane> cluster_;
  bool traffic_over_ = false;
};

}  // namespace

std::uint64_t run_lane_with(const Scenario& scenario, Transport transport,
                            const TransportFactory& make, TraceSink& sink,
                            const LaneProgress& progress) {
  return LaneRun(scenario, transport, make, sink, progress).run();
}

std::uint64_t run_lane(const Scenario& scenario, Transport transport, TraceSink& sink,
                       const LaneProgress& progress) {
  return run_lane_with(
      scenario, transport,
      [transport](LaneWorld& world) { return make_transport(transport, world); }, sink, progress);
}

// The order in which workers take the lanes: a WebSocket lane (one connection per client, no
// requests) costs far less to simulate than the others, so it goes last, to fill the time a
// longer lane leaves on the other core rather than to make one core run two long lanes.
std::vector<std::size_t> cheapest_last(const Scenario& scenario) {
  std::vector<std::size_t> order(scenario.lanes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_partition(order.begin(), order.end(), [&](std::size_t lane) {
    return scenario.lanes[lane].transport != Transport::websocket;
  });
  return order;
}

// Lanes share nothing but the scenario they read, so they run side by side on the machine's
// cores; each stays as deterministic as it is alone.
template <class Result>
std::vector<Result> for_each_lane(const Scenario& scenario,
                                  const std::function<Result(std::size_t lane)>& run) {
  std::vector<std::optional<Result>> results(scenario.lanes.size());
  parallel_for(cheapest_last(scenario), [&](std::size_t lane) { results[lane] = run(lane); });
  std::vector<Result> ordered;
  for (std::optional<Result>& result : results) ordered.push_back(std::move(*result));
  return ordered;
}

Trace simulate(const Scenario& scenario) {
  return {.scenario = scenario.name,
          .source = "sim",
          .duration = scenario.duration,
          .lanes = for_each_lane<Lane>(scenario, [&](std::size_t lane) {
            const LaneSpec& spec = scenario.lanes[lane];
            TraceRecorder recorder(spec);
            run_lane(scenario, spec.transport, recorder);
            return std::move(recorder).finish();
          })};
}

FiguresAndSeries simulate_figures_and_series(const Scenario& scenario,
                                             const LaneProgress& progress) {
  // Each lane's share of the whole, summed under a lock: reports are rare.
  std::mutex mutex;
  std::vector<double> done(scenario.lanes.size(), 0.0);
  auto lane_progress = [&](std::size_t lane) -> LaneProgress {
    if (!progress) return {};
    return [&, lane](double fraction) {
      const std::lock_guard lock(mutex);
      done[lane] = fraction;
      progress(std::accumulate(done.begin(), done.end(), 0.0) / static_cast<double>(done.size()));
    };
  };
  std::vector<LaneProgress> lanes;
  for (std::size_t lane = 0; lane < scenario.lanes.size(); ++lane) {
    lanes.push_back(lane_progress(lane));
  }
  using Figures = std::pair<LaneMetrics, Lane>;
  std::vector<Figures> figures = for_each_lane<Figures>(scenario, [&](std::size_t lane) {
    const LaneSpec& spec = scenario.lanes[lane];
    MetricsAccumulator accumulator(spec, scenario.duration);
    SeriesRecorder series(spec, accumulator);
    run_lane(scenario, spec.transport, series, lanes[lane]);
    return Figures{accumulator.result(), std::move(series).finish()};
  });
  FiguresAndSeries result{
      .metrics = {},
      .series = {.scenario = scenario.name, .source = "sim", .duration = scenario.duration}};
  for (Figures& lane : figures) {
    result.metrics.push_back(std::move(lane.first));
    result.series.lanes.push_back(std::move(lane.second));
  }
  return result;
}

std::vector<LaneMetrics> simulate_metrics(const Scenario& scenario, const LaneProgress& progress) {
  return simulate_figures_and_series(scenario, progress).metrics;
}

}  // namespace pushlab::sim
