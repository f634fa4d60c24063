#include "viz/model/resimulate.hpp"

#include <utility>

#include "sim/json/input_error.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/save.hpp"

namespace pushlab::viz {

Resimulation resimulate(const sim::Scenario& edited, std::filesystem::path file) {
  try {
    // Through JSON and back: the window's controls are held to every rule a file is.
    sim::Scenario checked = sim::parse_scenario(sim::to_json(edited), "the parameters");
    return {make_document(std::move(checked), std::move(file)), {}};
  } catch (const sim::json::InputError& error) {
    return {std::nullopt, error.what()};
  }
}

void carry_view_over(ViewState& view, const Document& document) {
  view.playback.set_end(document.trace.duration);
  view.hovered.reset();
  view.hovered_field.reset();
  const auto& lanes = document.trace.lanes;
  if (view.selected && (view.selected->lane >= lanes.size() ||
                        view.selected->frame >= lanes[view.selected->lane].frames.size())) {
    view.selected.reset();
  }
}

}  // namespace pushlab::viz
