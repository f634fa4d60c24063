// pushlab-cli run: simulate a scenario and compare its transports side by side.

#include <iostream>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/cli/metrics_report.hpp"
#include "apps/cli/scenario_overrides.hpp"
#include "sim/json/input_error.hpp"
#include "sim/trace/trace_json.hpp"
#include "sim/transports/simulate.hpp"

namespace pushlab::cli {

namespace {

struct RunOptions {
  std::string scenario_file;
  ScenarioOverrides overrides;
  bool json = false;
  std::string trace_out;
  bool no_trace = false;
};

void save_trace(const sim::Trace& trace, const std::string& path) {
  try {
    sim::save_trace_file(trace, path);
  } catch (const sim::json::InputError& error) {
    throw InputError(std::string("--trace-out: ") + error.what());
  }
}

std::vector<sim::LaneMetrics> run_keeping_trace(const sim::Scenario& scenario,
                                                const std::string& trace_out) {
  const sim::Trace trace = sim::simulate(scenario);
  save_trace(trace, trace_out);
  std::vector<sim::LaneMetrics> lanes;
  for (const sim::Lane& lane : trace.lanes)
    lanes.push_back(sim::compute_metrics(lane, trace.duration));
  return lanes;
}

int run_run(const RunOptions& options) {
  const sim::Scenario scenario = load_with_overrides(options.scenario_file, options.overrides);
  std::vector<sim::LaneMetrics> lanes;
  if (options.trace_out.empty()) {
    lanes = sim::simulate_metrics(scenario);
  } else if (options.no_trace) {
    sim::FiguresAndSeries run = sim::simulate_figures_and_series(scenario);
    save_trace(run.series, options.trace_out);
    lanes = std::move(run.metrics);
  } else {
    lanes = run_keeping_trace(scenario, options.trace_out);
  }
  if (options.json) {
    std::cout << metrics_json(scenario.name, lanes, "sim").dump(2) << "\n";
  } else {
    print_metrics_table(std::cout, scenario, lanes);
  }
  return kExitOk;
}

}  // namespace

Command add_run_command(CLI::App& parent) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* app = parent.add_subcommand(
      "run", "Simulate a scenario: its transports side by side on the same traffic");
  app->add_option("SCENARIO", options->scenario_file, "A scenario file (scenarios/*.json)")
      ->required();
  add_override_options(*app, options->overrides);
  app->add_flag("--json", options->json, "Print JSON: {\"scenario\", \"runs\": [...]}");
  app->add_option("--trace-out", options->trace_out,
                  "Write the whole Trace (every frame's bytes) to this JSON file");
  app->add_flag("--no-trace", options->no_trace,
                "Keep no frames, for runs too large to: the figures are gathered as the run "
                "goes (as they are without --trace-out), and --trace-out writes only the time "
                "series (each lane's endpoints and host samples)");
  app->footer(
      "Examples:\n"
      "  pushlab-cli run scenarios/chat.json\n"
      "  pushlab-cli run scenarios/chat.json --transport websocket --transport sse --json\n"
      "  pushlab-cli run scenarios/chat.json --clients 100 --duration 30 --trace-out "
      "chat.trace.json\n"
      "  pushlab-cli run scenarios/thread-exhaustion.json --no-trace --trace-out series.json");
  return {app, [options] { return run_run(*options); }};
}

}  // namespace pushlab::cli
