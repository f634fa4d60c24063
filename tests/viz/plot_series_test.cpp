#include "viz/model/plot_series.hpp"

#include <doctest/doctest.h>

#include "sim/trace/metrics.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

namespace pushlab::viz {

using namespace sim::testing;

TEST_CASE("a step series holds each value until the next step") {
  StepSeries series;
  series.step(1s, 5);
  series.step(3s, 2);
  series.step(3s, 7);  // the last change at a time holds
  CHECK(series.at(0s) == 0);
  CHECK(series.at(1s) == 5);
  CHECK(series.at(2999ms) == 5);
  CHECK(series.at(3s) == 7);
  CHECK(series.at(1h) == 7);
  CHECK(series.max() == 7);
}

TEST_CASE("each plot ends on the figure pushlab-cli run prints for the lane") {
  for (const sim::Transport transport : sim::kAllTransports) {
    CAPTURE(sim::to_string(transport));
    sim::Scenario scenario = basic_scenario(transport, 20s);
    add_periodic(scenario, sim::Direction::server_to_client, 700ms, 500ms, 40);
    add_periodic(scenario, sim::Direction::client_to_server, 3s, 1s, 10);
    const sim::Lane lane = run_one_lane(scenario);
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    const LaneSeries series = lane_series(lane);
    const Nanoseconds end = 1h;
    CHECK(series.app_bytes.at(end) == static_cast<double>(metrics.bytes.app));
    CHECK(series.setup_bytes.at(end) == static_cast<double>(metrics.bytes.setup));
    CHECK(series.payload_bytes.at(end) == static_cast<double>(metrics.bytes.payload));
    CHECK(series.delivered.at(end) == static_cast<double>(metrics.delivered));
    CHECK(series.latency.size() == metrics.delivered);
    CHECK(series.latency_max_ms == doctest::Approx(ms(metrics.latency.max)));
    CHECK(series.server_connections.max() == static_cast<double>(metrics.peak_server_connections));
    CHECK(series.overhead_per_message.at(end) ==
          doctest::Approx(metrics.overhead_bytes_per_message));
    // Bytes only grow.
    CHECK(series.app_bytes.at(5s) <= series.app_bytes.at(10s));
  }
}

TEST_CASE("latency points are the delivered messages' latencies, in delivery order") {
  sim::Scenario scenario = basic_scenario(sim::Transport::short_poll, 10s);
  scenario.short_poll.interval = 1s;
  add_at(scenario, sim::Direction::server_to_client, {2200ms, 5500ms});
  const LaneSeries series = lane_series(run_one_lane(scenario));
  REQUIRE(series.latency.size() == 2);
  CHECK(series.latency[0].delivered_at < series.latency[1].delivered_at);
  // Waiting for the next poll, then one transit back: never less than a transit.
  for (const LatencyPoint& point : series.latency) {
    CHECK(point.latency_ms >= 50);
    CHECK(point.latency_ms <= 1150);
  }
}

}  // namespace pushlab::viz
