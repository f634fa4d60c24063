#include "viz/model/document.hpp"

#include <utility>

#include "sim/scenario/load.hpp"
#include "sim/transports/simulate.hpp"

namespace pushlab::viz {

Document describe_trace(sim::Scenario scenario, sim::Trace trace, std::vector<LaneSource> sources,
                        std::filesystem::path file) {
  Document document;
  document.file = std::move(file);
  document.scenario = std::move(scenario);
  document.trace = std::move(trace);
  document.sources = std::move(sources);
  document.diagram = build_diagram(document.trace);
  for (const sim::Lane& lane : document.trace.lanes) {
    document.metrics.push_back(sim::compute_metrics(lane, document.trace.duration));
    document.series.push_back(lane_series(lane));
  }
  return document;
}

Document make_document(sim::Scenario scenario, std::filesystem::path file) {
  sim::Trace trace = sim::simulate(scenario);
  std::vector<LaneSource> sources(trace.lanes.size(), LaneSource::simulated);
  return describe_trace(std::move(scenario), std::move(trace), std::move(sources), std::move(file));
}

Document open_document(const std::filesystem::path& file) {
  return make_document(sim::load_scenario_file(file), file);
}

LaneSource lane_source(const Document& document, std::size_t lane) {
  return lane < document.sources.size() ? document.sources[lane] : LaneSource::simulated;
}

std::string lane_title(const Document& document, std::size_t lane) {
  return lane_title(document.trace.lanes.at(lane).transport, lane_source(document, lane));
}

}  // namespace pushlab::viz
