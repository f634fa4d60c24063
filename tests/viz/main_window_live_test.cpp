// The window with a live run beside the simulation, headless, with stand-ins for live::run:
// the live lanes come and go with the scenario they ran, and a failed run is shown, not fatal.

#include "viz/draw/headless_imgui.hpp"
#include "viz/draw/main_window.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "sim/transports/simulate.hpp"

namespace pushlab::viz {

namespace {

using namespace std::chrono_literals;

struct Headless : HeadlessImGui {
  Headless() : HeadlessImGui({1600, 1000}) { build_fonts(); }
};

// The simulator standing in for the sockets: a Trace of the form a live run gives.
sim::Trace simulated_as_live(const sim::Scenario& scenario, const live::LiveOptions& options) {
  options.progress(1);
  sim::Trace trace = sim::simulate(scenario);
  trace.source = "live";
  return trace;
}

// Draws frames until the live run has been taken in, for at most a few seconds.
void draw_until_live_run_ends(MainWindow& window) {
  for (int tries = 0; tries < 500 && window.live_running(); ++tries) {
    draw_one_frame(window);
    std::this_thread::sleep_for(10ms);
  }
  REQUIRE_FALSE(window.live_running());
}

MainWindow chat_window(LiveRunner runner) {
  return MainWindow(open_document(PUSHLAB_SOURCE_DIR "/scenarios/chat.json"), ViewState{},
                    PUSHLAB_SOURCE_DIR "/scenarios", {}, std::move(runner));
}

}  // namespace

TEST_CASE("after a live run each simulated lane has its live lane beside it, in every panel") {
  const Headless imgui;
  MainWindow window = chat_window(simulated_as_live);
  const std::size_t simulated_lanes = window.document().trace.lanes.size();
  window.view().selected = FrameRef{1, 3};  // the second transport's lane
  const sim::Transport selected_transport = window.document().trace.lanes[1].transport;
  REQUIRE(window.start_live_run());
  CHECK_FALSE(window.start_live_run());
  draw_until_live_run_ends(window);

  const Document& shown = window.shown();
  REQUIRE(shown.trace.lanes.size() == 2 * simulated_lanes);
  CHECK(lane_title(shown, 1).ends_with(" (live)"));
  REQUIRE(shown.comparison);
  CHECK(shown.comparison->lanes.size() == simulated_lanes);
  REQUIRE(window.view().selected);
  CHECK(window.view().selected->lane == 2);  // the selection stayed on its (simulated) lane
  CHECK(shown.trace.lanes[2].transport == selected_transport);
  for (const Panel panel :
       {Panel::plots, Panel::events, Panel::figures, Panel::exports, Panel::parameters}) {
    window.view().show_panel = panel;
    draw_one_frame(window);
    CHECK(draw_one_frame(window) > 2000);
  }
}

TEST_CASE("a re-simulation with other parameters takes the live lanes away, as stale") {
  const Headless imgui;
  MainWindow window = chat_window(simulated_as_live);
  const std::size_t simulated_lanes = window.document().trace.lanes.size();
  REQUIRE(window.start_live_run());
  draw_until_live_run_ends(window);
  REQUIRE(window.shown().trace.lanes.size() == 2 * simulated_lanes);
  window.view().selected = FrameRef{1, 0};  // a live lane's frame

  sim::Scenario changed = window.document().scenario;
  changed.network.latency += 10ms;
  window.show(make_document(changed));
  CHECK(window.shown().trace.lanes.size() == simulated_lanes);
  CHECK_FALSE(window.shown().comparison);
  CHECK_FALSE(window.view().selected);  // its lane is gone
  CHECK(draw_one_frame(window) > 2000);

  changed.network.latency -= 10ms;  // back to what ran live: the live lanes are current again
  window.show(make_document(changed));
  CHECK(window.shown().trace.lanes.size() == 2 * simulated_lanes);
}

TEST_CASE("a live run that fails is reported in the window, which goes on drawing") {
  const Headless imgui;
  MainWindow window = chat_window([](const sim::Scenario&, const live::LiveOptions&) -> sim::Trace {
    throw std::runtime_error("cannot listen on 127.0.0.1: address in use");
  });
  REQUIRE(window.start_live_run());
  draw_until_live_run_ends(window);
  CHECK(window.shown().trace.lanes.size() == window.document().trace.lanes.size());
  CHECK(draw_one_frame(window) > 2000);
}

}  // namespace pushlab::viz
