#pragma once
// The selected frame, opened down to its bytes: what it is and where it went, a note for the
// learner, a bar of protocol against payload, its decoded fields, and a hex dump in which
// hovering a field lights its bytes and hovering a byte lights its field. With nothing selected,
// the legend of colours.

#include "viz/draw/palette.hpp"
#include "viz/model/document.hpp"
#include "viz/model/view_state.hpp"

namespace pushlab::viz {

void draw_inspector(const Document& document, ViewState& view, const Palette& palette);

}  // namespace pushlab::viz
