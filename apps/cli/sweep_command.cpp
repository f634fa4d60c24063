// pushlab-cli sweep: what the server must carry as the number of clients grows, transport by
// transport, simulated rather than estimated by formula.

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <sstream>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/cli/metrics_report.hpp"
#include "apps/cli/progress_line.hpp"
#include "apps/cli/scenario_overrides.hpp"
#include "apps/cli/sweep_grid.hpp"
#include "apps/cli/text_table.hpp"
#include "sim/engine/parallel_for.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/transports/simulate.hpp"

namespace pushlab::cli {

namespace {

struct SweepOptions {
  std::string scenario_file;
  std::optional<std::string> clients;  // without it and --vary, kDefaultClients
  std::vector<std::string> vary;
  ScenarioOverrides overrides;
  bool json = false;
};

constexpr std::string_view kDefaultClients = "1000,10000,100000";

// One run of the sweep: a point of the --vary grid at one client count.
struct SweepPoint {
  std::vector<std::string> settings;  // the point's --vary settings, "path=value"
  sim::Scenario scenario;
  std::vector<sim::LaneMetrics> lanes;  // once it has run
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

// Every point loaded and checked before any runs, so that a bad value stops the sweep at once.
std::vector<SweepPoint> plan(const SweepOptions& options, std::vector<SweepAxis>& axes) {
  for (const std::string& text : options.vary) axes.push_back(parse_vary(text));
  const std::optional<std::string> clients =
      options.clients ? options.clients
                      : (axes.empty() ? std::optional<std::string>(kDefaultClients) : std::nullopt);
  const std::vector<int> counts = clients ? parse_client_counts(*clients) : std::vector<int>{};
  std::vector<SweepPoint> points;
  for (const std::vector<std::string>& settings : grid_points(axes)) {
    ScenarioOverrides overrides = options.overrides;
    overrides.settings.insert(overrides.settings.end(), settings.begin(), settings.end());
    const sim::Scenario scenario = load_with_overrides(options.scenario_file, overrides);
    if (counts.empty()) points.push_back({settings, scenario, {}});
    for (const int count : counts) {
      points.push_back({settings, scenario, {}});
      points.back().scenario.clients = count;
    }
  }
  return points;
}

std::string point_text(const SweepPoint& point) {
  std::string text = std::to_string(point.scenario.clients) + " clients";
  for (const std::string& setting : point.settings) text += ", " + setting;
  return text;
}

// Points are independent runs: as many side by side as the machine has cores, each running
// its lanes side by side too.
void run_points(std::vector<SweepPoint>& points) {
  ProgressLine progress(points.size());
  std::mutex mutex;
  std::vector<double> done(points.size(), 0.0);
  std::vector<std::size_t> order(points.size());
  std::iota(order.begin(), order.end(), 0);
  sim::parallel_for(order, [&](std::size_t i) {
    const std::string what = "simulating " + point_text(points[i]);
    auto report = [&, i](double fraction) {
      double total = 0;
      {
        const std::lock_guard lock(mutex);
        done[i] = fraction;
        for (const double part : done) total += part;
      }
      progress.show_steps_done(total, what);
    };
    points[i].lanes = sim::simulate_metrics(points[i].scenario, report);
  });
}

std::string megabits(double bps) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", bps / 1e6);
  return text;
}

// A --vary value as a table shows it: a string without its quotes.
std::string value_text(const std::string& setting) {
  const auto json = nlohmann::ordered_json::parse(setting.substr(setting.find('=') + 1));
  return json.is_string() ? json.get<std::string>() : json.dump();
}

bool any_cluster(const std::vector<SweepPoint>& points) {
  return std::any_of(points.begin(), points.end(),
                     [](const SweepPoint& point) { return point.scenario.cluster.has_value(); });
}

// The bandwidth table a sweep over clients has always printed; with --vary, the varied fields
// first and what the variation moves after: deliveries, losses, latency, reconnects.
void print_table(const std::string& name, const std::vector<SweepAxis>& axes,
                 const std::vector<SweepPoint>& points) {
  const bool cluster = any_cluster(points);
  const bool outcomes = !axes.empty() || cluster;
  std::cout << name << ": what the server carries, by "
            << (axes.empty() ? "clients" : "the varied fields") << " and transport\n\n";
  std::vector<std::string> headings;
  for (const SweepAxis& axis : axes) headings.push_back(axis.path);
  for (const char* heading :
       {"clients", "transport", "bandwidth (Mbit/s)", "overhead (Mbit/s)", "setup bytes"}) {
    headings.emplace_back(heading);
  }
  if (outcomes) headings.insert(headings.end(), {"delivered", "lost", "p99 (ms)"});
  if (cluster) headings.insert(headings.end(), {"duplicates", "reconnects", "most in 100 ms"});
  TextTable table(std::move(headings));
  for (const SweepPoint& point : points) {
    for (const sim::LaneMetrics& lane : point.lanes) {
      const sim::ServerLoad load = sim::server_load(lane, point.scenario.duration);
      std::vector<std::string> cells;
      for (const std::string& setting : point.settings) cells.push_back(value_text(setting));
      cells.insert(cells.end(),
                   {std::to_string(point.scenario.clients),
                    std::string(sim::to_string(lane.transport)), megabits(load.bandwidth_bps),
                    megabits(load.overhead_bps), std::to_string(lane.bytes.setup)});
      if (outcomes) {
        cells.insert(cells.end(), {std::to_string(lane.delivered), std::to_string(lane.lost),
                                   fixed_text(milliseconds(lane.latency.p99), 1)});
      }
      if (cluster) {
        cells.push_back(lane.cluster ? std::to_string(lane.cluster->duplicates) : "-");
        cells.push_back(lane.cluster ? std::to_string(lane.cluster->reconnects) : "-");
        cells.push_back(lane.cluster ? std::to_string(lane.cluster->reconnects_peak_100ms) : "-");
      }
      table.add_row(std::move(cells));
    }
  }
  table.print(std::cout, "  ");
  std::cout
      << "\n  Bandwidth counts every byte with modelled TCP/IP/TLS headers; overhead counts the\n"
         "  application bytes beyond the payload after setup (HTTP headers, frame headers).\n";
}

nlohmann::ordered_json rows_json(const std::vector<SweepPoint>& points) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const SweepPoint& point : points) {
    for (const sim::LaneMetrics& lane : point.lanes) {
      const sim::ServerLoad load = sim::server_load(lane, point.scenario.duration);
      nlohmann::ordered_json row;
      if (!point.settings.empty()) {
        nlohmann::ordered_json set = nlohmann::ordered_json::object();
        for (const std::string& setting : point.settings) {
          const auto equals = setting.find('=');
          set[setting.substr(0, equals)] =
              nlohmann::ordered_json::parse(setting.substr(equals + 1));
        }
        row["set"] = std::move(set);
      }
      row["clients"] = point.scenario.clients;
      row["transport"] = sim::to_string(lane.transport);
      row["bandwidth_bps"] = load.bandwidth_bps;
      row["overhead_bps"] = load.overhead_bps;
      row["setup_bytes"] = lane.bytes.setup;
      row["delivered"] = lane.delivered;
      row["lost"] = lane.lost;
      row["latency_p99_ms"] = milliseconds(lane.latency.p99);
      if (lane.cluster) row["cluster"] = cluster_json(lane);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

int run_sweep(const SweepOptions& options) {
  std::vector<SweepAxis> axes;
  std::vector<SweepPoint> points = plan(options, axes);
  run_points(points);
  const std::string& name = points.front().scenario.name;
  if (!options.json) {
    print_table(name, axes, points);
    return kExitOk;
  }
  const nlohmann::ordered_json out{{"scenario", name}, {"rows", rows_json(points)}};
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
  app->add_option("--clients", options->clients,
                  "Client counts, separated by commas (default: " + std::string(kDefaultClients) +
                      ", or the scenario's own with --vary)");
  app->add_option("--vary", options->vary,
                  "Run the scenario at each of these values of a field: PATH=V1,V2,... with the "
                  "dotted paths and JSON values --set takes (cluster.servers=1,2,4); repeatable, "
                  "making a grid");
  app->add_option("--transport", options->overrides.transports,
                  "Only these transports (repeatable)")
      ->check(CLI::IsMember(sim::transport_names()));
  app->add_option("--duration", options->overrides.duration_s,
                  "Seconds of traffic, instead of the scenario's");
  app->add_option("--set", options->overrides.settings,
                  "Change a scenario field, as a lesson's \"set\" does: PATH=VALUE "
                  "(network.latency_ms=20); repeatable");
  app->add_flag("--json", options->json,
                "Print JSON: {\"scenario\", \"rows\": [{\"set\" (with --vary), \"clients\", "
                "\"transport\", \"bandwidth_bps\", \"overhead_bps\", \"setup_bytes\", "
                "\"delivered\", \"lost\", \"latency_p99_ms\", \"cluster\" (with one)}]}");
  app->footer(
      "Examples:\n  pushlab-cli sweep scenarios/ticker.json --clients 1000,10000 --duration 30\n"
      "  pushlab-cli sweep scenarios/thread-exhaustion.json "
      "--vary cluster.server.model='\"thread-per-request\",\"event-loop\"'");
  return {app, [options] { return run_sweep(*options); }};
}

}  // namespace pushlab::cli
