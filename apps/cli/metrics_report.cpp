#include "apps/cli/metrics_report.hpp"

#include <cstdio>
#include <ostream>
#include <string_view>

#include "apps/cli/text_table.hpp"
#include "sim/trace/metrics_rows.hpp"

namespace pushlab::cli {

namespace {

using sim::LaneMetrics;

// `text` in lines of at most `width` characters, each starting with `indent`.
std::string wrapped(std::string_view text, std::string_view indent, std::size_t width) {
  std::string out;
  std::string line(indent);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (line.size() > indent.size() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = indent;
    }
    if (line.size() > indent.size()) line += ' ';
    line += word;
    start = end + 1;
  }
  return out + line + "\n";
}

}  // namespace

double milliseconds(sim::Nanoseconds duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

namespace {

void print_scenario_line(std::ostream& out, const sim::Scenario& scenario) {
  out << scenario.name << ": " << scenario.clients
      << (scenario.clients == 1 ? " client, " : " clients, ")
      << fixed_text(std::chrono::duration<double>(scenario.duration).count(), 0) << " s, "
      << fixed_text(milliseconds(scenario.network.latency), 0) << " ms one way"
      << (scenario.network.tls ? ", TLS" : "")
      << (scenario.proxy.enabled ? ", through a proxy" : "") << "\n\n";
}

nlohmann::ordered_json servers_json(const std::vector<sim::ServerMetrics>& servers) {
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  for (const sim::ServerMetrics& server : servers) {
    json.push_back({{"name", server.name},
                    {"connections", server.connections},
                    {"peak_connections", server.peak_connections},
                    {"bytes_in", server.bytes_in},
                    {"bytes_out", server.bytes_out}});
  }
  return json;
}

}  // namespace

// The names: per server, the broker, and how clients came back.
nlohmann::ordered_json cluster_json(const LaneMetrics& lane) {
  const sim::ClusterMetrics& cluster = *lane.cluster;
  nlohmann::ordered_json servers = nlohmann::ordered_json::array();
  for (const sim::ServerMetrics& server : lane.servers) {
    servers.push_back({{"name", server.name},
                       {"connections_max", server.peak_connections},
                       {"connections_at_end", server.open_at_end},
                       {"threads_busy_max", server.threads_busy_max},
                       {"accept_queue_max", server.accept_queue_max},
                       {"refused", server.refused},
                       {"memory_max_bytes", server.memory_max_bytes},
                       {"cpu_utilisation", server.cpu_utilisation},
                       {"messages_out", server.messages_out}});
  }
  return {{"servers", std::move(servers)},
          {"broker",
           {{"published", cluster.published},
            {"delivered", cluster.delivered},
            {"bytes", cluster.broker_bytes}}},
          {"lost", lane.lost},
          {"duplicates", cluster.duplicates},
          {"reconnects", cluster.reconnects},
          {"reconnects_peak_100ms", cluster.reconnects_peak_100ms},
          {"recovery_s", cluster.recovery_s},
          {"imbalance", cluster.imbalance}};
}

namespace {

// A table per lane: its servers, then the broker's and the reconnects' figures.
void print_cluster_tables(std::ostream& out, const std::vector<LaneMetrics>& lanes) {
  for (const LaneMetrics& lane : lanes) {
    if (!lane.cluster) continue;
    const sim::ClusterMetrics& cluster = *lane.cluster;
    out << "\n" << lane.lane << " in the cluster\n";
    TextTable table({"server", "connections max", "open at the end", "threads max", "queue max",
                     "refused", "memory max", "CPU", "messages out", "bytes out"});
    for (const sim::ServerMetrics& server : lane.servers) {
      table.add_row({server.name, std::to_string(server.peak_connections),
                     std::to_string(server.open_at_end), std::to_string(server.threads_busy_max),
                     std::to_string(server.accept_queue_max), std::to_string(server.refused),
                     fixed_text(static_cast<double>(server.memory_max_bytes) / 1e6, 1) + " MB",
                     fixed_text(100.0 * server.cpu_utilisation, 1) + " %",
                     std::to_string(server.messages_out), std::to_string(server.bytes_out)});
    }
    table.print(out, "  ");
    out << "  broker: " << cluster.published << " published, " << cluster.delivered
        << " delivered to servers, " << cluster.broker_bytes << " RESP bytes\n"
        << "  duplicates: " << cluster.duplicates
        << " (messages that reached their browser again)\n"
        << "  reconnects: " << cluster.reconnects << " (at most " << cluster.reconnects_peak_100ms
        << " in 100 ms); imbalance at the end " << fixed_text(cluster.imbalance, 2)
        << " (most over mean)\n";
    if (cluster.recovery_s > 0) {
      out << "  recovery: " << fixed_text(cluster.recovery_s, 2)
          << " s from the first failure until every client it cut off was back and caught up\n";
    }
  }
}

}  // namespace

void print_metrics_table(std::ostream& out, const sim::Scenario& scenario,
                         const std::vector<LaneMetrics>& lanes) {
  print_scenario_line(out, scenario);
  std::vector<std::string> headings{""};
  for (const LaneMetrics& lane : lanes) headings.push_back(lane.lane);
  TextTable table(std::move(headings));
  for (const sim::MetricsRow& row : sim::metrics_rows()) {
    std::vector<std::string> cells{row.label};
    for (const LaneMetrics& lane : lanes) cells.push_back(row.value(lane));
    table.add_row(std::move(cells));
  }
  table.print(out, "  ");
  print_cluster_tables(out, lanes);
  out << "\n" << wrapped(sim::kMetricsFootnote, "  ", 90);
}

nlohmann::ordered_json metrics_json(const std::string& scenario_name,
                                    const std::vector<LaneMetrics>& lanes,
                                    const std::string& source) {
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (const LaneMetrics& m : lanes) {
    runs.push_back({{"lane", m.lane},
                    {"transport", sim::to_string(m.transport)},
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
                    {"peak_server_connections", m.peak_server_connections},
                    {"servers", servers_json(m.servers)}});
    if (m.cluster) runs.back()["cluster"] = cluster_json(m);
  }
  return {{"scenario", scenario_name}, {"runs", std::move(runs)}};
}

void print_comparison_table(std::ostream& out, const sim::Scenario& scenario,
                            const sim::MetricsComparison& comparison) {
  print_scenario_line(out, scenario);
  const auto& rows = sim::metrics_rows();
  for (const sim::LaneComparison& lane : comparison.lanes) {
    out << sim::to_string(lane.transport) << "\n";
    TextTable table({"", "simulated", "live", "live - simulated"});
    for (std::size_t i = 0; i < rows.size(); ++i) {
      table.add_row({rows[i].label, rows[i].value(lane.sim), rows[i].value(lane.live),
                     sim::format_difference(lane.cells[i], rows[i].decimals)});
    }
    table.print(out, "  ");
    out << "\n";
  }
  out << wrapped(sim::kMetricsFootnote, "  ", 90);
}

nlohmann::ordered_json comparison_json(const std::string& scenario_name,
                                       const std::vector<sim::LaneMetrics>& simulated,
                                       const std::vector<sim::LaneMetrics>& live,
                                       const sim::MetricsComparison& comparison) {
  nlohmann::ordered_json json = metrics_json(scenario_name, simulated, "sim");
  for (auto& run : metrics_json(scenario_name, live, "live")["runs"]) json["runs"].push_back(run);
  nlohmann::ordered_json differences = nlohmann::ordered_json::array();
  const auto& rows = sim::metrics_rows();
  for (const sim::LaneComparison& lane : comparison.lanes) {
    nlohmann::ordered_json entry{{"transport", sim::to_string(lane.transport)}};
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const sim::MetricsComparisonCell& cell = lane.cells[i];
      entry[rows[i].label] = {{"sim", cell.sim},
                              {"live", cell.live},
                              {"difference", cell.difference},
                              {"percent", cell.percent ? nlohmann::ordered_json(*cell.percent)
                                                       : nlohmann::ordered_json(nullptr)}};
    }
    differences.push_back(std::move(entry));
  }
  json["differences"] = std::move(differences);
  return json;
}

}  // namespace pushlab::cli
