// pushlab: the window. Parses arguments, opens the scenario, hands both to viz::run_app.
//
//   pushlab                                   the default scenario (scenarios/chat.json)
//   pushlab scenarios/idle-proxy.json --at 61.5
//   pushlab scenarios/chat.json --select 101 --screenshot handshake.png --size 1600x1000
//   pushlab lessons/03-websocket-handshake.md --step 2

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "apps/common/data_dirs.hpp"
#include "sim/json/input_error.hpp"
#include "viz/draw/app.hpp"
#include "viz/model/frame_ref.hpp"
#include "viz/model/time_format.hpp"

namespace {

using namespace pushlab;

constexpr int kExitBadInput = 1;
constexpr int kExitUsage = 2;

struct Options {
  std::string scenario;  // default: chat.json in the data's scenarios
  std::optional<double> at;
  std::optional<std::string> select;
  std::optional<std::string> screenshot;
  std::string size = "1600x1000";
  bool presentation = false;
  bool live = false;
  bool startup_time = false;
  std::optional<viz::Panel> panel;
  std::optional<float> scale;
  std::optional<std::size_t> step;  // of a lesson, from 1
};

// "1600x1000" into the app's width and height; false if it is not that shape.
bool parse_size(const std::string& text, viz::AppOptions& app) {
  int width = 0;
  int height = 0;
  char x = 0;
  char rest = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &width, &x, &height, &rest) != 3 || x != 'x') {
    return false;
  }
  if (width < 320 || height < 240 || width > 7680 || height > 4320) return false;
  app.width = width;
  app.height = height;
  return true;
}

int fail(const std::string& message, int code) {
  std::fprintf(stderr, "pushlab: error: %s\n", message.c_str());
  return code;
}

// A lesson's steps say where the diagram goes, so --at and --select have no say; the window
// opens on the step's scenario.
int open_lesson(const Options& options, const apps::DataDirs& data, viz::AppOptions& app) {
  if (options.at || options.select) {
    return fail(
        "--at and --select do not go with a lesson: its steps place the diagram (use "
        "--step N)",
        kExitUsage);
  }
  try {
    app.lesson = viz::LessonSession::open(options.scenario);
  } catch (const sim::json::InputError& error) {
    return fail(error.what(), kExitBadInput);
  }
  const std::size_t steps = app.lesson->step_count();
  if (options.step && *options.step > steps) {
    return fail("--step: " + std::to_string(*options.step) + " is past the lesson's last step (" +
                    std::to_string(steps) + ")",
                kExitBadInput);
  }
  app.lesson_step = options.step.value_or(1) - 1;
  viz::ViewState view;
  view.presentation = options.presentation;
  view.show_panel = options.panel;
  // The window starts on the default scenario; the lesson moves it to the step's at once.
  try {
    return viz::run_app(viz::open_document(data.scenarios / "chat.json"), std::move(view), app);
  } catch (const sim::json::InputError& error) {
    return fail(error.what(), kExitBadInput);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  CLI::App cli{
      "PushLab: short polling, long polling, WebSocket and SSE side by side, frame by "
      "frame.",
      "pushlab"};
  cli.set_version_flag("--version", "pushlab " PUSHLAB_VERSION);
  Options options;
  cli.add_option("SCENARIO", options.scenario,
                 "A scenario file (default: scenarios/chat.json), or a lesson (lessons/*.md), "
                 "opened beside the diagrams");
  cli.add_option("--step", options.step, "Open the lesson at this step, counted from 1")
      ->check(CLI::PositiveNumber);
  cli.add_option("--at", options.at, "Put the playhead at this time, in seconds")
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--select", options.select,
                 "Open this frame in the inspector: LANE:N (websocket:4), or the start of its "
                 "label (101, \"GET /lp\")");
  cli.add_option("--screenshot", options.screenshot,
                 "Render that state into this PNG file and exit, without showing a window");
  cli.add_option("--size", options.size, "The window's size, WIDTHxHEIGHT (default 1600x1000)");
  cli.add_option("--panel", options.panel,
                 "Bring a panel forward: plots, events, figures or export (under the diagrams), "
                 "or parameters (beside them)")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, viz::Panel>{{"plots", viz::Panel::plots},
                                            {"events", viz::Panel::events},
                                            {"figures", viz::Panel::figures},
                                            {"export", viz::Panel::exports},
                                            {"parameters", viz::Panel::parameters}}));
  cli.add_flag("--live", options.live,
               "Run the scenario live at once, on real sockets on this machine, and show its "
               "lanes beside the simulated ones (a screenshot waits for the run)");
  cli.add_flag("--presentation", options.presentation,
               "Start in presentation mode: large type, high contrast (F11 toggles it)");
  cli.add_option("--scale", options.scale,
                 "Scale the whole interface (type, spacing, lines), 1 to 4; by default the "
                 "screen's own scale (2 on most 4K screens)")
      ->check(CLI::Range(1.0f, 4.0f));
  cli.add_flag("--startup-time", options.startup_time,
               "Print how long after start the first frame was drawn (docs/PERFORMANCE.md)");
  cli.footer(
      "Keys: Space play/pause, Left/Right step, Home/End, +/- speed, F11 presentation.\n"
      "Mouse: click an arrow to inspect its frame, click the time gutter to move the playhead,\n"
      "Ctrl+wheel to zoom, wheel or right-drag to pan.\n"
      "Data (scenarios, lessons, fonts) is found in share/pushlab beside the program, or in\n"
      "the source tree of a build; PUSHLAB_DATA_DIR names another such folder.\n"
      "Exit codes: 0 fine, 1 bad input, 2 usage.");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error) == 0 ? 0 : kExitUsage;
  }

  apps::DataDirs data;
  try {
    data = apps::find_data_dirs();
  } catch (const std::runtime_error& error) {
    return fail(error.what(), kExitBadInput);
  }
  options.scenario = options.scenario.empty() ? (data.scenarios / "chat.json").string()
                                              : apps::find_data_file(options.scenario).string();
  viz::AppOptions app;
  app.fonts_dir = data.fonts;
  app.scenarios_dir = data.scenarios;
  if (!parse_size(options.size, app)) {
    return fail(
        "--size: \"" + options.size + "\" is not WIDTHxHEIGHT between 320x240 and 7680x4320",
        kExitUsage);
  }
  if (options.screenshot) app.screenshot = *options.screenshot;
  if (options.startup_time) app.report_first_frame_since = started;
  app.scale = options.scale;
  app.start_live = options.live;

  if (std::filesystem::path(options.scenario).extension() == ".md") {
    return open_lesson(options, data, app);
  }
  if (options.step) return fail("--step goes with a lesson (lessons/*.md)", kExitUsage);
  viz::Document document;
  try {
    document = viz::open_document(options.scenario);
  } catch (const sim::json::InputError& error) {
    return fail(error.what(), kExitBadInput);
  }

  viz::ViewState view;
  view.presentation = options.presentation;
  view.show_panel = options.panel;
  view.playback.set_end(document.trace.duration);
  if (options.at) {
    const auto at =
        std::chrono::duration_cast<sim::Nanoseconds>(std::chrono::duration<double>(*options.at));
    if (at > document.trace.duration) {
      return fail("--at: " + viz::format_time(at) + " is past the end of the run (" +
                      viz::format_time(document.trace.duration) + ")",
                  kExitBadInput);
    }
    view.playback.seek(at);
  }
  if (options.select) {
    const viz::FrameLookup found =
        viz::find_frame(document.trace, document.diagram, *options.select);
    if (!found.ref) return fail("--select: " + found.error, kExitBadInput);
    view.selected = found.ref;
    // Unless told where, stand where the frame is on its way, so it shows.
    if (!options.at) {
      const sim::WireFrame& frame = document.trace.lanes[found.ref->lane].frames[found.ref->frame];
      view.playback.seek(frame.received_at.value_or(frame.sent_at));
    }
  }
  return viz::run_app(std::move(document), std::move(view), app);
}
