#include "sim/trace/metrics_rows.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>

namespace pushlab::sim {

namespace {

// A whole count, printed as an integer so that no count is ever rounded through a double.
MetricsRow count_row(std::string label, std::uint64_t LaneMetrics::*member) {
  return {std::move(label), [member](const LaneMetrics& m) { return std::to_string(m.*member); },
          [member](const LaneMetrics& m) { return static_cast<double>(m.*member); }, 0};
}

MetricsRow byte_row(std::string label, std::uint64_t ByteCounts::*member) {
  return {std::move(label),
          [member](const LaneMetrics& m) { return std::to_string(m.bytes.*member); },
          [member](const LaneMetrics& m) { return static_cast<double>(m.bytes.*member); }, 0};
}

MetricsRow fixed_row(std::string label, std::function<double(const LaneMetrics&)> number,
                     int decimals) {
  return {std::move(label),
          [number, decimals](const LaneMetrics& m) { return format_number(number(m), decimals); },
          std::move(number), decimals};
}

MetricsRow latency_row(std::string label, Nanoseconds LatencySummary::*member) {
  return fixed_row(
      std::move(label),
      [member](const LaneMetrics& m) {
        return std::chrono::duration<double, std::milli>(m.latency.*member).count();
      },
      1);
}

std::vector<MetricsRow> make_rows() {
  return {
      count_row("messages delivered", &LaneMetrics::delivered),
      count_row("messages lost", &LaneMetrics::lost),
      latency_row("latency mean (ms)", &LatencySummary::mean),
      latency_row("latency p50 (ms)", &LatencySummary::p50),
      latency_row("latency p95 (ms)", &LatencySummary::p95),
      latency_row("latency p99 (ms)", &LatencySummary::p99),
      latency_row("latency max (ms)", &LatencySummary::max),
      byte_row("payload bytes", &ByteCounts::payload),
      byte_row("application bytes", &ByteCounts::app),
      byte_row("  of which setup", &ByteCounts::setup),
      byte_row("bytes with TCP/IP/TLS (model)", &ByteCounts::ip),
      fixed_row(
          "overhead bytes per message",
          [](const LaneMetrics& m) { return m.overhead_bytes_per_message; }, 1),
      count_row("HTTP requests", &LaneMetrics::http_requests),
      count_row("empty responses", &LaneMetrics::empty_responses),
      count_row("connections opened", &LaneMetrics::connections_opened),
      count_row("peak server connections", &LaneMetrics::peak_server_connections),
  };
}

}  // namespace

std::string format_number(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

const std::vector<MetricsRow>& metrics_rows() {
  static const std::vector<MetricsRow> rows = make_rows();
  return rows;
}

}  // namespace pushlab::sim
