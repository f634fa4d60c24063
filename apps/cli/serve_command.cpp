// pushlab-cli serve: the live server for a class, behind the recording relay: the five
// transports' endpoints and the demo page, sending the scenario's messages in real time, with
// what the browsers' connections carried written to a Trace when it stops.

#include <cstdio>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"
#include "apps/cli/scenario_overrides.hpp"
#include "apps/common/data_dirs.hpp"
#include "live/origin_policy.hpp"
#include "live/recording_server.hpp"
#include "sim/json/input_error.hpp"
#include "sim/trace/trace_json.hpp"

namespace pushlab::cli {

namespace {

struct ServeOptions {
  std::string scenario_file = "scenarios/chat.json";  // found in the data when not here
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;
  double time_scale = 1;
  bool tls = false;
  std::vector<std::string> allowed_origins;
  std::string trace_out;
  bool echo = false;
  std::optional<double> ping_interval_ms;  // the scenario's engine_io section's otherwise
  std::optional<double> ping_timeout_ms;
};

// What the browsers' connections carried, per transport, to the file --trace-out names.
void save_what_crossed(const live::RecordingServer& server, const std::string& file) {
  sim::Trace trace;
  try {
    trace = server.trace();
  } catch (const std::runtime_error& error) {
    throw InputError(std::string("--trace-out: ") + error.what());
  }
  try {
    sim::save_trace_file(trace, file);
  } catch (const sim::json::InputError& error) {
    throw InputError(std::string("--trace-out: ") + error.what());
  }
  std::size_t frames = 0;
  for (const sim::Lane& lane : trace.lanes) frames += lane.frames.size();
  std::cout << "wrote " << file << ": " << trace.lanes.size() << " transports, " << frames
            << " frames\n";
}

int run_serve(const ServeOptions& options) {
  live::ServerOptions server_options;
  server_options.scenario = load_with_overrides(options.scenario_file, {});
  server_options.bind = options.bind;
  server_options.port = options.port;
  server_options.time_scale = options.time_scale;
  server_options.tls = options.tls || server_options.scenario.network.tls;
  for (const std::string& origin : options.allowed_origins) {
    if (const auto why = live::why_not_an_allowed_origin(origin)) {
      throw InputError("--allow-origin: " + *why);
    }
  }
  server_options.allowed_origins = options.allowed_origins;
  server_options.echo = options.echo;
  const auto milliseconds = [](double value) {
    return std::chrono::duration_cast<sim::Nanoseconds>(
        std::chrono::duration<double, std::milli>(value));
  };
  if (options.ping_interval_ms) {
    server_options.scenario.engine_io.ping_interval = milliseconds(*options.ping_interval_ms);
  }
  if (options.ping_timeout_ms) {
    server_options.scenario.engine_io.ping_timeout = milliseconds(*options.ping_timeout_ms);
  }
  const int clients = server_options.scenario.clients;
  try {
    server_options.web_dir = apps::find_data_dirs().web;
  } catch (const std::runtime_error& error) {
    throw InputError(error.what());
  }
  if (!options.trace_out.empty() && server_options.tls) {
    throw InputError(
        "--trace-out needs plain http: over TLS the relay sees only records that the browser's "
        "keys open");
  }
  std::optional<live::RecordingServer> server;
  try {
    server.emplace(std::move(server_options));
  } catch (const std::exception& error) {
    throw InputError(error.what());
  }
  const bool tls = server->tls();
  std::cout << "PushLab is serving \"" << options.scenario_file << "\" on "
            << (tls ? "https://" : "http://") << options.bind << ":" << server->port()
            << "/ (Ctrl+C stops it)\n"
            << "  endpoints /poll /lp /events /ws /send /socket.io/ /engine.io/, ?client=1 to "
            << clients << (options.echo ? "; echoing what clients send" : "") << "\n"
            << "  for pages served from here"
            << (options.allowed_origins.empty() ? "" : " and from the origins allowed")
            << "; --allow-origin lets others in\n";
  if (tls) std::cout << "  with a self-signed certificate made now: browsers will warn\n";
  std::cout << std::flush;
  server->run(/*stop_on_signals=*/true);
  const live::ServerCounts counts = server->counts();
  std::cout << "stopped: " << counts.connections << " connections, " << counts.requests
            << " requests, " << counts.published << " messages sent, " << counts.received
            << " received, " << counts.forbidden << " refused as another site's page\n";
  if (!options.trace_out.empty()) save_what_crossed(*server, options.trace_out);
  return kExitOk;
}

}  // namespace

Command add_serve_command(CLI::App& parent) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* app = parent.add_subcommand(
      "serve",
      "Serve a scenario over real sockets for a class: the five transports and the demo page, "
      "behind a relay that plays the scenario's network and records what crossed");
  app->add_option("--scenario", options->scenario_file,
                  "The scenario whose messages to send (default: scenarios/chat.json)");
  app->add_option("--bind", options->bind,
                  "The address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for "
                  "a classroom)");
  app->add_option("--port", options->port, "The port (default 8080; 0 picks a free one)");
  app->add_flag("--tls", options->tls,
                "Serve https:// and wss:// with a self-signed certificate (also when the "
                "scenario sets network.tls)");
  app->add_option("--time-scale", options->time_scale,
                  "Scenario seconds per second of wall time (default 1)")
      ->check(CLI::Range(0.001, 1000.0));
  app->add_option("--allow-origin", options->allowed_origins,
                  "Let pages of this origin (scheme://host:port) use the endpoints too; "
                  "repeatable; '*' for any page. Others get 403, as cross-site WebSocket "
                  "hijacking must (RFC 6455 section 10.2)")
      ->allow_extra_args(false);
  app->add_option("--trace-out", options->trace_out,
                  "When stopped, write what the browsers' connections carried (one lane per "
                  "transport they used, every frame's bytes) to this Trace JSON file");
  app->add_flag("--echo", options->echo,
                "Send every Engine.IO or Socket.IO message a client sends back to it, instead "
                "of taking it in: for demonstrations and the protocols' conformance suites");
  app->add_option("--ping-interval-ms", options->ping_interval_ms,
                  "Engine.IO's pingInterval (default: the scenario's engine_io.ping_interval_ms, "
                  "25000)")
      ->check(CLI::Range(1.0, 3'600'000.0));
  app->add_option("--ping-timeout-ms", options->ping_timeout_ms,
                  "Engine.IO's pingTimeout (default: the scenario's engine_io.ping_timeout_ms, "
                  "20000)")
      ->check(CLI::Range(1.0, 3'600'000.0));
  app->footer(
      "Examples:\n"
      "  pushlab-cli serve                       then open http://127.0.0.1:8080/\n"
      "  pushlab-cli serve --scenario scenarios/ticker.json --bind 0.0.0.0 --port 9000\n"
      "  pushlab-cli serve --trace-out class.trace.json   (written at Ctrl+C)\n"
      "  pushlab-cli serve --bind 0.0.0.0 --allow-origin http://teacher.local:8080\n"
      "  pushlab-cli serve --echo --port 3000 --ping-interval-ms 300 --ping-timeout-ms 200\n"
      "                                          (the Engine.IO conformance suite's settings)\n"
      "Browsers reach the server through a relay that applies the scenario's network and "
      "proxy (latency, jitter, bandwidth, interference) and records every byte.");
  return {app, [options] { return run_serve(*options); }};
}

}  // namespace pushlab::cli
