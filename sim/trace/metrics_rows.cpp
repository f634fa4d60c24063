#include "sim/trace/metrics_rows.hpp"

#include <chrono>
#include <cstdio>

namespace pushlab::sim {

namespace {

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string count(std::uint64_t value) {
  return std::to_string(value);
}

std::vector<MetricsRow> make_rows() {
  auto latency = [](auto member) {
    return [member](const LaneMetrics& m) {
      return fixed(std::chrono::duration<double, std::milli>(m.latency.*member).count(), 1);
    };
  };
  return {
      {"messages delivered", [](const LaneMetrics& m) { return count(m.delivered); }},
      {"messages lost", [](const LaneMetrics& m) { return count(m.lost); }},
      {"latency mean (ms)", latency(&LatencySummary::mean)},
      {"latency p50 (ms)", latency(&LatencySummary::p50)},
      {"latency p95 (ms)", latency(&LatencySummary::p95)},
      {"latency p99 (ms)", latency(&LatencySummary::p99)},
      {"latency max (ms)", latency(&LatencySummary::max)},
      {"payload bytes", [](const LaneMetrics& m) { return count(m.bytes.payload); }},
      {"application bytes", [](const LaneMetrics& m) { return count(m.bytes.app); }},
      {"  of which setup", [](const LaneMetrics& m) { return count(m.bytes.setup); }},
      {"bytes with TCP/IP/TLS (model)", [](const LaneMetrics& m) { return count(m.bytes.ip); }},
      {"overhead bytes per message",
       [](const LaneMetrics& m) { return fixed(m.overhead_bytes_per_message, 1); }},
      {"HTTP requests", [](const LaneMetrics& m) { return count(m.http_requests); }},
      {"empty responses", [](const LaneMetrics& m) { return count(m.empty_responses); }},
      {"connections opened", [](const LaneMetrics& m) { return count(m.connections_opened); }},
      {"peak server connections",
       [](const LaneMetrics& m) { return count(m.peak_server_connections); }},
  };
}

}  // namespace

const std::vector<MetricsRow>& metrics_rows() {
  static const std::vector<MetricsRow> rows = make_rows();
  return rows;
}

}  // namespace pushlab::sim
