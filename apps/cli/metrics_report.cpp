#include "apps/cli/metrics_report.hpp"

#include <cstdio>
#include <functional>
#include <ostream>

#include "apps/cli/text_table.hpp"

namespace pushlab::cli {

namespace {

using sim::LaneMetrics;

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string count(std::uint64_t value) {
  return std::to_string(value);
}

struct Row {
  std::string label;
  std::function<std::string(const LaneMetrics&)> value;
};

std::vector<Row> rows() {
  auto latency = [](auto member) {
    return [member](const LaneMetrics& m) { return fixed(milliseconds(m.latency.*member), 1); };
  };
  return {
      {"messages delivered", [](const LaneMetrics& m) { return count(m.delivered); }},
      {"messages lost", [](const LaneMetrics& m) { return count(m.lost); }},
      {"latency mean (ms)", latency(&sim::LatencySummary::mean)},
      {"latency p50 (ms)", latency(&sim::LatencySummary::p50)},
      {"latency p95 (ms)", latency(&sim::LatencySummary::p95)},
      {"latency p99 (ms)", latency(&sim::LatencySummary::p99)},
      {"latency max (ms)", latency(&sim::LatencySummary::max)},
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

double milliseconds(sim::Nanoseconds duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

void print_metrics_table(std::ostream& out, const sim::Scenario& scenario,
                         const std::vector<LaneMetrics>& lanes) {
  out << scenario.name << ": " << scenario.clients
      << (scenario.clients == 1 ? " client, " : " clients, ")
      << fixed(std::chrono::duration<double>(scenario.duration).count(), 0) << " s, "
      << fixed(milliseconds(scenario.network.latency), 0) << " ms one way"
      << (scenario.network.tls ? ", TLS" : "")
      << (scenario.proxy.enabled ? ", through a proxy" : "") << "\n\n";
  std::vector<std::string> headings{""};
  for (const LaneMetrics& lane : lanes) headings.emplace_back(sim::to_string(lane.transport));
  TextTable table(std::move(headings));
  for (const Row& row : rows()) {
    std::vector<std::string> cells{row.label};
    for (const LaneMetrics& lane : lanes) cells.push_back(row.value(lane));
    table.add_row(std::move(cells));
  }
  table.print(out, "  ");
  out << "\n  Bytes count what crossed the client's link. Application bytes are exact (headers,\n"
         "  bodies, frame headers, event framing); TCP/IP/TLS bytes are modelled.\n";
}

nlohmann::ordered_json metrics_json(const std::string& scenario_name,
                                    const std::vector<LaneMetrics>& lanes,
                                    const std::string& source) {
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (const LaneMetrics& m : lanes) {
    runs.push_back({{"transport", sim::to_string(m.transport)},
                    {"source", source},
                    {"delivered", m.delivered},
                    {"lost", m.lost},
                    {"latency_ms",
                     {{"mean", milliseconds(m.latency.mean)},
                      {"p50", milliseconds(m.latency.p50)},
                      {"p95", milliseconds(m.latency.p95)},
                      {"p99", milliseconds(m.latency.p99)},
                      {"max", milliseconds(m.latency.max)}}},
                    {"bytes",
                     {{"payload", m.bytes.payload},
                      {"app", m.bytes.app},
                      {"setup", m.bytes.setup},
                      {"ip", m.bytes.ip}}},
                    {"overhead_bytes_per_message", m.overhead_bytes_per_message},
                    {"http_requests", m.http_requests},
                    {"connections_opened", m.connections_opened},
                    {"empty_responses", m.empty_responses},
                    {"peak_server_connections", m.peak_server_connections}});
  }
  return {{"scenario", scenario_name}, {"runs", std::move(runs)}};
}

}  // namespace pushlab::cli
