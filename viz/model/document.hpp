#pragma once
// What the window shows: a scenario, the Trace simulating it gave, and what is worked out from
// that Trace once (the diagram's labels and holds, each lane's figures and their plots). Changing
// the scenario makes a new Document; the view (playhead, selection, zoom) lives apart, in
// ViewState.

#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/trace/trace.hpp"
#include "viz/model/diagram.hpp"
#include "viz/model/plot_series.hpp"

namespace pushlab::viz {

struct Document {
  std::filesystem::path file;  // empty for a scenario made in the window
  sim::Scenario scenario;
  sim::Trace trace;
  Diagram diagram;
  std::vector<sim::LaneMetrics> metrics;  // one per lane
  std::vector<LaneSeries> series;         // one per lane, for the plots
};

// Simulates the scenario. Throws what simulation throws (nothing for a valid scenario).
Document make_document(sim::Scenario scenario, std::filesystem::path file = {});

// Loads and simulates a scenario file; throws sim::json::InputError naming what is wrong.
Document open_document(const std::filesystem::path& file);

}  // namespace pushlab::viz
