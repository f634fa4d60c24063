#pragma once
// A scenario changed in the window (a slider moved, a box ticked) is checked by the same
// loader that checks files, simulated again, and replaces the document, while the learner
// keeps their place: the playhead stays where it was, and so does the selected frame if the
// new run still has it.

#include <filesystem>
#include <optional>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "viz/model/document.hpp"
#include "viz/model/view_state.hpp"

namespace pushlab::viz {

struct Resimulation {
  std::optional<Document> document;  // the new run, if the scenario is valid
  std::string error;                 // else what is wrong, with the field's JSON pointer
};

// `file`: where the scenario came from (kept, so Save writes back there).
Resimulation resimulate(const sim::Scenario& edited, std::filesystem::path file);

// The view, carried over to a new run of the same scenario: the playhead clamped to the new
// duration, the selection dropped if its frame is gone.
void carry_view_over(ViewState& view, const Document& document);

// The same, from a document whose lanes may differ (live lanes shown or hidden, a transport
// added or removed): the selection follows its lane, found by transport and source.
void carry_view_over(ViewState& view, const Document& from, const Document& to);

}  // namespace pushlab::viz
