#include "viz/model/document.hpp"

#include <utility>

#include "sim/scenario/load.hpp"
#include "sim/transports/simulate.hpp"

namespace pushlab::viz {

Document make_document(sim::Scenario scenario, std::filesystem::path file) {
  Document document;
  document.file = std::move(file);
  document.scenario = std::move(scenario);
  document.trace = sim::simulate(document.scenario);
  document.diagram = build_diagram(document.trace);
  for (const sim::Lane& lane : document.trace.lanes) {
    document.metrics.push_back(sim::compute_metrics(lane));
    document.series.push_back(lane_series(lane));
  }
  return document;
}

Document open_document(const std::filesystem::path& file) {
  return make_document(sim::load_scenario_file(file), file);
}

}  // namespace pushlab::viz
