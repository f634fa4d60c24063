#include "sim/trace/metrics_comparison.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "sim/trace/metrics_rows.hpp"

using namespace pushlab::sim;
using namespace std::chrono_literals;

namespace {

LaneMetrics lane_with(Transport transport, std::uint64_t delivered, Nanoseconds p95) {
  LaneMetrics metrics{.transport = transport, .delivered = delivered};
  metrics.latency.p95 = p95;
  return metrics;
}

std::size_t row_index(const std::string& label) {
  const auto& rows = metrics_rows();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].label == label) return i;
  }
  FAIL("no row labelled " << label);
  return 0;
}

}  // namespace

TEST_CASE("metrics rows: every row has a number that prints as its value") {
  const LaneMetrics metrics{
      .transport = Transport::sse,
      .delivered = 40,
      .lost = 2,
      .latency = {.mean = 52340us, .p50 = 50ms, .p95 = 61250us, .p99 = 70ms, .max = 80ms},
      .bytes = {.payload = 1200, .app = 5300, .setup = 210, .ip = 9100},
      .overhead_bytes_per_message = 97.25,
      .http_requests = 1,
      .connections_opened = 1,
      .empty_responses = 0,
      .peak_server_connections = 3};
  for (const MetricsRow& row : metrics_rows()) {
    CAPTURE(row.label);
    REQUIRE(row.number);
    CHECK(row.value(metrics) == format_number(row.number(metrics), row.decimals));
  }
  CHECK(metrics_rows()[row_index("latency p95 (ms)")].number(metrics) == doctest::Approx(61.25));
  CHECK(metrics_rows()[row_index("latency p95 (ms)")].value(metrics) == "61.2");
  CHECK(metrics_rows()[row_index("application bytes")].number(metrics) == 5300);
  CHECK(metrics_rows()[row_index("overhead bytes per message")].value(metrics) == "97.2");
}

TEST_CASE("compare_values: difference is live minus sim, percent of sim") {
  const MetricsComparisonCell slower = compare_values(50, 53.2);
  CHECK(slower.sim == 50);
  CHECK(slower.live == 53.2);
  CHECK(slower.difference == doctest::Approx(3.2));
  REQUIRE(slower.percent.has_value());
  CHECK(*slower.percent == doctest::Approx(6.4));
  const MetricsComparisonCell fewer = compare_values(8, 4);
  CHECK(fewer.difference == -4);
  CHECK(fewer.percent == -50);
}

TEST_CASE("compare_values: a zero simulated value gives no percent") {
  const MetricsComparisonCell cell = compare_values(0, 7);
  CHECK(cell.difference == 7);
  CHECK_FALSE(cell.percent.has_value());
}

TEST_CASE("compare_metrics: lanes matched by transport, in the simulated order") {
  const std::vector<LaneMetrics> sim = {lane_with(Transport::websocket, 10, 50ms),
                                        lane_with(Transport::sse, 20, 40ms)};
  const std::vector<LaneMetrics> live = {lane_with(Transport::sse, 18, 44ms),
                                         lane_with(Transport::websocket, 10, 53200us)};
  const MetricsComparison comparison = compare_metrics(sim, live);
  REQUIRE(comparison.lanes.size() == 2);
  CHECK(comparison.only_in_sim.empty());
  CHECK(comparison.only_in_live.empty());

  const LaneComparison& websocket = comparison.lanes[0];
  CHECK(websocket.transport == Transport::websocket);
  CHECK(websocket.sim == sim[0]);
  CHECK(websocket.live == live[1]);
  REQUIRE(websocket.cells.size() == metrics_rows().size());
  const MetricsComparisonCell& p95 = websocket.cells[row_index("latency p95 (ms)")];
  CHECK(p95.sim == doctest::Approx(50));
  CHECK(p95.live == doctest::Approx(53.2));
  CHECK(p95.difference == doctest::Approx(3.2));
  CHECK(*p95.percent == doctest::Approx(6.4));

  const LaneComparison& sse = comparison.lanes[1];
  CHECK(sse.transport == Transport::sse);
  const MetricsComparisonCell& delivered = sse.cells[row_index("messages delivered")];
  CHECK(delivered.difference == -2);
  CHECK(*delivered.percent == doctest::Approx(-10));
  const MetricsComparisonCell& lost = sse.cells[row_index("messages lost")];
  CHECK(lost.difference == 0);
  CHECK_FALSE(lost.percent.has_value());
}

TEST_CASE("compare_metrics: a lane only one run has is left out and named") {
  const std::vector<LaneMetrics> sim = {lane_with(Transport::short_poll, 5, 900ms),
                                        lane_with(Transport::websocket, 5, 50ms)};
  const std::vector<LaneMetrics> live = {lane_with(Transport::websocket, 5, 51ms),
                                         lane_with(Transport::long_poll, 5, 60ms)};
  const MetricsComparison comparison = compare_metrics(sim, live);
  REQUIRE(comparison.lanes.size() == 1);
  CHECK(comparison.lanes[0].transport == Transport::websocket);
  CHECK(comparison.only_in_sim == std::vector{Transport::short_poll});
  CHECK(comparison.only_in_live == std::vector{Transport::long_poll});
}

TEST_CASE("compare_metrics: nothing to compare gives nothing") {
  const MetricsComparison comparison = compare_metrics({}, {});
  CHECK(comparison.lanes.empty());
  CHECK(comparison.only_in_sim.empty());
  CHECK(comparison.only_in_live.empty());
}

TEST_CASE("format_difference: signed, in the row's decimals, with the percent") {
  CHECK(format_difference(compare_values(50, 53.2), 1) == "+3.2 (+6%)");
  CHECK(format_difference(compare_values(8, 4), 0) == "-4 (-50%)");
  CHECK(format_difference(compare_values(0, 7), 0) == "+7");
  CHECK(format_difference(compare_values(12, 12), 0) == "0 (0%)");
  CHECK(format_difference(compare_values(0, 0), 1) == "0.0");
}

TEST_CASE("format_difference: what rounds to zero has no sign; a small percent keeps a decimal") {
  CHECK(format_difference(compare_values(10, 9.98), 1) == "0.0 (-0.2%)");
  CHECK(format_difference(compare_values(1000, 1004), 0) == "+4 (+0.4%)");
  CHECK(format_difference(compare_values(1000, 1000.001), 0) == "0 (0%)");
}
