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

namespace {

std::optional<std::size_t> matching_lane(const Document& from, std::size_t lane,
                                         const Document& to) {
  if (lane >= from.trace.lanes.size()) return std::nullopt;
  for (std::size_t candidate = 0; candidate < to.trace.lanes.size(); ++candidate) {
    if (to.trace.lanes[candidate].transport == from.trace.lanes[lane].transport &&
        lane_source(to, candidate) == lane_source(from, lane)) {
      return candidate;
    }
  }
  return std::nullopt;
}

}  // namespace

void carry_view_over(ViewState& view, const Document& from, const Document& to) {
  if (view.selected) {
    const std::optional<std::size_t> lane = matching_lane(from, view.selected->lane, to);
    if (lane) {
      view.selected->lane = *lane;
    } else {
      view.selected.reset();
    }
  }
  carry_view_over(view, to);
}

}  // namespace pushlab::viz
