#pragma once
// What the window shows: a scenario, the Trace simulating it gave, and what is worked out from
// that Trace once (the diagram's labels and holds, each lane's figures and their plots). Changing
// the scenario makes a new Document; the view (playhead, selection, zoom) lives apart, in
// ViewState. With a live run beside the simulation (live_lanes.hpp), the Document holds both
// runs' lanes and the comparison of their figures.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/trace/metrics.hpp"
#include "sim/trace/metrics_comparison.hpp"
#include "sim/trace/trace.hpp"
#include "viz/model/diagram.hpp"
#include "viz/model/lane_source.hpp"
#include "viz/model/plot_series.hpp"

namespace pushlab::viz {

struct Document {
  std::filesystem::path file;  // empty for a scenario made in the window
  sim::Scenario scenario;
  sim::Trace trace;
  Diagram diagram;
  std::vector<sim::LaneMetrics> metrics;             // one per lane
  std::vector<LaneSeries> series;                    // one per lane, for the plots
  std::vector<LaneSource> sources;                   // one per lane: whose run it is
  std::optional<sim::MetricsComparison> comparison;  // when live lanes are shown beside
};

// Works out what the window shows of a trace: its diagram, and each lane's figures and plots.
// `sources`: one per lane of the trace.
Document describe_trace(sim::Scenario scenario, sim::Trace trace, std::vector<LaneSource> sources,
                        std::filesystem::path file);

// Simulates the scenario. Throws what simulation throws (nothing for a valid scenario).
Document make_document(sim::Scenario scenario, std::filesystem::path file = {});

// Loads and simulates a scenario file; throws sim::json::InputError naming what is wrong.
Document open_document(const std::filesystem::path& file);

LaneSource lane_source(const Document& document, std::size_t lane);

// The lane's title as the window writes it: "WebSocket", "WebSocket (live)".
std::string lane_title(const Document& document, std::size_t lane);

}  // namespace pushlab::viz
