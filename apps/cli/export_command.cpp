// pushlab-cli export: a run for handouts: a capture for Wireshark, a table for a spreadsheet.

#include <fstream>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/cli/scenario_overrides.hpp"
#include "sim/json/input_error.hpp"
#include "sim/trace/trace_csv.hpp"
#include "sim/trace/trace_json.hpp"
#include "sim/trace/trace_pcap.hpp"
#include "sim/transports/simulate.hpp"

namespace pushlab::cli {

namespace {

enum class ExportFormat { pcap, csv };

struct ExportOptions {
  std::string input;
  ExportFormat format = ExportFormat::pcap;
  std::string out;
  ScenarioOverrides overrides;
};

// A trace file says so in its "format"; anything else is taken for a scenario to simulate.
bool is_trace_file(const std::string& path) {
  std::ifstream file(path);
  const auto json = nlohmann::json::parse(file, nullptr, /*allow_exceptions=*/false);
  return json.is_object() && json.value("format", "") == "pushlab-trace";
}

sim::Trace trace_of(const ExportOptions& options) {
  if (!is_trace_file(options.input)) {
    return sim::simulate(load_with_overrides(options.input, options.overrides));
  }
  if (!options.overrides.transports.empty() || options.overrides.clients ||
      options.overrides.duration_s) {
    throw InputError(options.input +
                     ": a trace is a finished run: --transport, --clients and --duration apply to "
                     "scenarios only");
  }
  return sim::load_trace_file(options.input);
}

int run_export(const ExportOptions& options) {
  const sim::Trace trace = trace_of(options);
  try {
    if (options.format == ExportFormat::pcap) {
      sim::save_pcap_file(trace, options.out);
    } else {
      sim::save_csv_file(trace, options.out);
    }
  } catch (const sim::json::InputError& error) {
    throw InputError(std::string("--out: ") + error.what());
  }
  std::size_t frames = 0;
  for (const sim::Lane& lane : trace.lanes) frames += lane.frames.size();
  std::cout << "wrote " << options.out << ": " << trace.lanes.size() << " lanes, " << frames
            << " frames of " << trace.scenario << " (" << trace.source << ")\n";
  return kExitOk;
}

}  // namespace

Command add_export_command(CLI::App& parent) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* app = parent.add_subcommand(
      "export", "Write a run for handouts: a capture for Wireshark (pcap) or a table (csv)");
  app->add_option("INPUT", options->input,
                  "A Trace (from --trace-out) or a scenario file, which is simulated first")
      ->required()
      ->check(CLI::ExistingFile);
  const std::map<std::string, ExportFormat> formats{{"pcap", ExportFormat::pcap},
                                                    {"csv", ExportFormat::csv}};
  app->add_option("--format", options->format,
                  "pcap: Ethernet/IPv4/TCP carrying every frame's bytes, one conversation per "
                  "connection (Wireshark, tshark); csv: one row per frame and per delivered "
                  "message")
      ->required()
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  app->add_option("--out", options->out, "The file to write")->required();
  add_override_options(*app, options->overrides);
  app->footer(
      "Examples:\n"
      "  pushlab-cli export scenarios/chat.json --format pcap --out chat.pcap   then: wireshark "
      "chat.pcap\n"
      "  pushlab-cli export chat.trace.json --format csv --out chat.csv\n"
      "  tshark -r chat.pcap -Y websocket   lists every WebSocket frame");
  return {app, [options] { return run_export(*options); }};
}

}  // namespace pushlab::cli
