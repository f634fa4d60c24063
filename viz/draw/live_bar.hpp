#pragma once
// The Live button and what goes with it, on the scenario bar: the time scale of the run, how far
// a run has come, whether the live lanes are shown beside the simulated ones, and whether the
// last live run still matches the scenario.

#include <optional>

#include "sim/scenario/scenario.hpp"
#include "viz/model/live_run.hpp"

namespace pushlab::viz {

struct LiveControls {
  std::optional<double> time_scale;  // the learner's choice; else default_time_scale(duration)
  bool show_lanes = true;            // the live lanes beside the simulated ones
};

enum class LiveRequest { none, start, show_or_hide_lanes };

// Draws on the current line. What the learner asked for, if anything: the caller acts on it.
LiveRequest draw_live_bar(const LiveRun& run, const sim::Scenario& scenario,
                          LiveControls& controls);

// The time scale a run of `scenario` would use now.
double chosen_time_scale(const LiveControls& controls, const sim::Scenario& scenario);

}  // namespace pushlab::viz
