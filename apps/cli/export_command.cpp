// pushlab-cli export: a run for handouts: a capture for Wireshark, a table for a spreadsheet,
// sequence diagrams for slides and documentation.

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/cli/scenario_overrides.hpp"
#include "sim/json/input_error.hpp"
#include "sim/trace/trace_json.hpp"
#include "sim/transports/simulate.hpp"
#include "viz/model/trace_export.hpp"

namespace pushlab::cli {

namespace {

struct ExportOptions {
  std::string input;
  viz::ExportFormat format = viz::ExportFormat::pcap;
  std::string out;
  ScenarioOverrides overrides;
  std::vector<sim::Transport> lanes;
  std::optional<double> from_s;
  std::optional<double> to_s;
  bool tcp = false;
  float width = 1600;
};

std::optional<sim::Nanoseconds> nanoseconds(const std::optional<double>& seconds) {
  if (!seconds) return std::nullopt;
  return std::chrono::duration_cast<sim::Nanoseconds>(std::chrono::duration<double>(*seconds));
}

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
      options.overrides.duration_s || !options.overrides.settings.empty()) {
    throw InputError(options.input +
                     ": a trace is a finished run: --transport, --clients, --duration and --set "
                     "apply to scenarios only");
  }
  return sim::load_trace_file(options.input);
}

int run_export(const ExportOptions& options) {
  const sim::Trace trace = trace_of(options);
  try {
    std::cout << viz::export_trace(trace, {.format = options.format,
                                           .file = options.out,
                                           .lanes = options.lanes,
                                           .from = nanoseconds(options.from_s),
                                           .to = nanoseconds(options.to_s),
                                           .tcp = options.tcp,
                                           .width = options.width})
              << "\n";
  } catch (const sim::json::InputError& error) {
    throw InputError(std::string("--out: ") + error.what());
  } catch (const std::invalid_argument& error) {
    throw InputError(std::string("--lane, --from, --to: ") + error.what());
  }
  return kExitOk;
}

}  // namespace

Command add_export_command(CLI::App& parent) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* app = parent.add_subcommand(
      "export",
      "Write a run for handouts: a capture for Wireshark (pcap), a table (csv), sequence "
      "diagrams (svg, mermaid)");
  app->add_option("INPUT", options->input,
                  "A Trace (from --trace-out) or a scenario file, which is simulated first")
      ->required()
      ->check(CLI::ExistingFile);
  std::map<std::string, viz::ExportFormat> formats;
  for (const viz::ExportFormatName& format : viz::kExportFormats) {
    formats.emplace(std::string(format.name), format.format);
  }
  app->add_option("--format", options->format,
                  "pcap: Ethernet/IPv4/TCP carrying every frame's bytes, one conversation per "
                  "connection (Wireshark, tshark); csv: one row per frame and per delivered "
                  "message; svg: the lanes' sequence diagrams as the window draws them, dark on "
                  "white, for slides; mermaid: one lane as a sequenceDiagram")
      ->required()
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  app->add_option("--out", options->out, "The file to write")->required();
  add_override_options(*app, options->overrides);
  std::map<std::string, sim::Transport> transports;
  for (const sim::Transport transport : sim::kAllTransports) {
    transports.emplace(std::string(sim::to_string(transport)), transport);
  }
  app->add_option("--lane", options->lanes,
                  "svg, mermaid: the lanes to draw, in this order (repeatable; mermaid draws one; "
                  "default: all, or the first)")
      ->transform(CLI::CheckedTransformer(transports));
  app->add_option("--from", options->from_s, "svg, mermaid: from this second on")
      ->check(CLI::NonNegativeNumber);
  app->add_option("--to", options->to_s, "svg, mermaid: up to this second")
      ->check(CLI::NonNegativeNumber);
  app->add_flag("--tcp", options->tcp, "mermaid: TCP's handshakes and FINs too");
  app->add_option("--width", options->width, "svg: the picture's width in pixels")
      ->capture_default_str()
      ->check(CLI::Range(400.0, 10000.0));
  app->footer(
      "Examples:\n"
      "  pushlab-cli export scenarios/chat.json --format pcap --out chat.pcap   then: wireshark "
      "chat.pcap\n"
      "  pushlab-cli export chat.trace.json --format csv --out chat.csv\n"
      "  pushlab-cli export scenarios/chat.json --format svg --from 0.9 --to 2.2 --out chat.svg\n"
      "  pushlab-cli export scenarios/chat.json --format mermaid --lane websocket --to 5 --out "
      "chat.mmd\n"
      "  tshark -r chat.pcap -Y websocket   lists every WebSocket frame");
  return {app, [options] { return run_export(*options); }};
}

}  // namespace pushlab::cli
