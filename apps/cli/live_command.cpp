// pushlab-cli live: run a scenario over real sockets on this machine and measure what crossed.

#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/cli/metrics_report.hpp"
#include "apps/cli/progress_line.hpp"
#include "apps/cli/scenario_overrides.hpp"
#include "live/run.hpp"
#include "sim/json/input_error.hpp"
#include "sim/trace/metrics_comparison.hpp"
#include "sim/trace/trace_json.hpp"
#include "sim/transports/simulate.hpp"

namespace pushlab::cli {

namespace {

struct LiveCommandOptions {
  std::string scenario_file;
  ScenarioOverrides overrides;
  bool json = false;
  std::string trace_out;
  double time_scale = 1;
  bool compare = false;
};

sim::Trace run_with_progress(const sim::Scenario& scenario, double time_scale) {
  ProgressLine line(1);
  const double seconds = std::chrono::duration<double>(scenario.duration).count() / time_scale;
  std::fprintf(stderr, "running %s live for about %.0f s...\n", scenario.name.c_str(), seconds);
  const live::LiveOptions options{.time_scale = time_scale, .progress = [&line](double done) {
                                    line.show(0, done, "live over loopback");
                                  }};
  try {
    return live::run(scenario, options);
  } catch (const std::runtime_error& error) {
    throw InputError(std::string("live run: ") + error.what());
  }
}

int run_live_command(const LiveCommandOptions& options) {
  if (!(options.time_scale > 0)) throw InputError("--time-scale must be above 0");
  const sim::Scenario scenario = load_with_overrides(options.scenario_file, options.overrides);
  const sim::Trace trace = run_with_progress(scenario, options.time_scale);
  if (!options.trace_out.empty()) {
    try {
      sim::save_trace_file(trace, options.trace_out);
    } catch (const sim::json::InputError& error) {
      throw InputError(std::string("--trace-out: ") + error.what());
    }
  }
  std::vector<sim::LaneMetrics> live;
  for (const sim::Lane& lane : trace.lanes)
    live.push_back(sim::compute_metrics(lane, trace.duration));
  if (!options.compare) {
    if (options.json) {
      std::cout << metrics_json(scenario.name, live, "live").dump(2) << "\n";
    } else {
      print_metrics_table(std::cout, scenario, live);
    }
    return kExitOk;
  }
  const std::vector<sim::LaneMetrics> simulated = sim::simulate_metrics(scenario);
  const sim::MetricsComparison comparison = sim::compare_metrics(simulated, live);
  if (options.json) {
    std::cout << comparison_json(scenario.name, simulated, live, comparison).dump(2) << "\n";
  } else {
    print_comparison_table(std::cout, scenario, comparison);
  }
  return kExitOk;
}

}  // namespace

Command add_live_command(CLI::App& parent) {
  auto options = std::make_shared<LiveCommandOptions>();
  CLI::App* app = parent.add_subcommand(
      "live",
      "Run a scenario over real sockets on this machine (server, relay playing the network and "
      "proxy, clients) and measure what crossed");
  app->add_option("SCENARIO", options->scenario_file, "A scenario file (scenarios/*.json)")
      ->required();
  add_override_options(*app, options->overrides);
  app->add_flag("--json", options->json,
                "Print JSON: {\"scenario\", \"runs\": [...]}, each run with \"source\": \"live\"");
  app->add_option("--trace-out", options->trace_out,
                  "Write the live Trace (every frame's bytes) to this JSON file");
  app->add_option("--time-scale", options->time_scale,
                  "Scenario seconds per second of wall time (10: a 120 s scenario in 12 s; "
                  "latencies shrink too, so this machine's noise grows as much)")
      ->capture_default_str();
  app->add_flag("--compare", options->compare,
                "Simulate the scenario too and print both runs' figures with their differences");
  app->footer(
      "Examples:\n"
      "  pushlab-cli live scenarios/chat.json --duration 10\n"
      "  pushlab-cli live scenarios/chat.json --time-scale 10 --compare\n"
      "  pushlab-cli live scenarios/chat.json --transport websocket --json --trace-out "
      "live.trace.json");
  return {app, [options] { return run_live_command(*options); }};
}

}  // namespace pushlab::cli
