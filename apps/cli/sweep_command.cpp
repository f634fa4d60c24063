// pushlab-cli sweep: what the server must carry as the number of clients grows, transport by
// transport, simulated rather than estimated by formula.

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/cli/progress_line.hpp"
#include "apps/cli/scenario_overrides.hpp"
#include "apps/cli/text_table.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/transports/simulate.hpp"

namespace pushlab::cli {

namespace {

struct SweepOptions {
  std::string scenario_file;
  std::string clients = "1000,10000,100000";
  ScenarioOverrides overrides;
  bool json = false;
};

struct SweepRow {
  int clients = 0;
  sim::Transport transport = sim::Transport::websocket;
  double bandwidth_bps = 0;  // every byte on the server's links, TCP/IP/TLS included (model)
  double overhead_bps = 0;   // steady-state application bytes beyond the payload
  std::uint64_t setup_bytes = 0;
};

std::vector<int> parse_client_counts(const std::string& text) {
  std::vector<int> counts;
  std::stringstream list(text);
  std::string item;
  while (std::getline(list, item, ',')) {
    try {
      std::size_t used = 0;
      const int count = std::stoi(item, &used);
      if (used != item.size() || count < 1 || count > 1'000'000) throw std::out_of_range(item);
      counts.push_back(count);
    } catch (const std::exception&) {
      throw InputError("--clients: \"" + item +
                       "\" is not a client count (expected whole numbers from 1 to 1000000, "
                       "separated by commas)");
    }
  }
  if (counts.empty()) throw InputError("--clients: no client counts given");
  return counts;
}

// Every transport at one client count, side by side on the machine's cores.
std::vector<SweepRow> measure(const sim::Scenario& scenario, const sim::LaneProgress& progress) {
  std::vector<SweepRow> rows;
  for (const sim::LaneMetrics& metrics : sim::simulate_metrics(scenario, progress)) {
    const sim::ServerLoad load = sim::server_load(metrics, scenario.duration);
    rows.push_back({scenario.clients, metrics.transport, load.bandwidth_bps, load.overhead_bps,
                    metrics.bytes.setup});
  }
  return rows;
}

std::string megabits(double bps) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", bps / 1e6);
  return text;
}

void print_table(const std::string& name, const std::vector<SweepRow>& rows) {
  std::cout << name << ": what the server carries, by clients and transport\n\n";
  TextTable table(
      {"clients", "transport", "bandwidth (Mbit/s)", "overhead (Mbit/s)", "setup bytes"});
  for (const SweepRow& row : rows) {
    table.add_row({std::to_string(row.clients), std::string(sim::to_string(row.transport)),
                   megabits(row.bandwidth_bps), megabits(row.overhead_bps),
                   std::to_string(row.setup_bytes)});
  }
  table.print(std::cout, "  ");
  std::cout
      << "\n  Bandwidth counts every byte with modelled TCP/IP/TLS headers; overhead counts the\n"
         "  application bytes beyond the payload after setup (HTTP headers, frame headers).\n";
}

int run_sweep(const SweepOptions& options) {
  const std::vector<int> counts = parse_client_counts(options.clients);
  sim::Scenario scenario = load_with_overrides(options.scenario_file, options.overrides);
  std::vector<SweepRow> rows;
  {
    ProgressLine progress(counts.size());
    for (std::size_t step = 0; step < counts.size(); ++step) {
      scenario.clients = counts[step];
      const std::string what = "simulating " + std::to_string(counts[step]) + " clients";
      auto report = [&](double done) { progress.show(step, done, what); };
      for (const SweepRow& row : measure(scenario, report)) rows.push_back(row);
    }
  }
  if (!options.json) {
    print_table(scenario.name, rows);
    return kExitOk;
  }
  nlohmann::ordered_json json_rows = nlohmann::ordered_json::array();
  for (const SweepRow& row : rows) {
    json_rows.push_back({{"clients", row.clients},
                         {"transport", sim::to_string(row.transport)},
                         {"bandwidth_bps", row.bandwidth_bps},
                         {"overhead_bps", row.overhead_bps},
                         {"setup_bytes", row.setup_bytes}});
  }
  const nlohmann::ordered_json out{{"scenario", scenario.name}, {"rows", std::move(json_rows)}};
  std::cout << out.dump(2) << "\n";
  return kExitOk;
}

}  // namespace

Command add_sweep_command(CLI::App& parent) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* app = parent.add_subcommand(
      "sweep", "Simulate a scenario at growing client counts: the server's bandwidth by transport");
  app->add_option("SCENARIO", options->scenario_file, "A scenario file (scenarios/*.json)")
      ->required();
  app->add_option("--clients", options->clients, "Client counts, separated by commas")
      ->capture_default_str();
  app->add_option("--transport", options->overrides.transports,
                  "Only these transports (repeatable)")
      ->check(CLI::IsMember(sim::transport_names()));
  app->add_option("--duration", options->overrides.duration_s,
                  "Seconds of traffic, instead of the scenario's");
  app->add_option("--set", options->overrides.settings,
                  "Change a scenario field, as a lesson's \"set\" does: PATH=VALUE "
                  "(network.latency_ms=20); repeatable");
  app->add_flag("--json", options->json,
                "Print JSON: {\"scenario\", \"rows\": [{\"clients\", \"transport\", "
                "\"bandwidth_bps\", \"overhead_bps\", \"setup_bytes\"}]}");
  app->footer(
      "Example:\n  pushlab-cli sweep scenarios/ticker.json --clients 1000,10000 --duration 30");
  return {app, [options] { return run_sweep(*options); }};
}

}  // namespace pushlab::cli
