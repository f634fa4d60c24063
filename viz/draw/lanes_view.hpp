#pragma once
// The sequence diagrams, one lane per transport side by side, time running downward: lifelines,
// connection bars, holds, an arrow per frame, the playhead and the frames in flight at it.
// Clicking a frame selects it; clicking the time gutter moves the playhead; Ctrl+wheel zooms;
// the wheel or a right-button drag pans.

#include "viz/draw/palette.hpp"
#include "viz/model/document.hpp"
#include "viz/model/time_axis.hpp"
#include "viz/model/view_state.hpp"

namespace pushlab::viz {

// Fills the space ImGui offers from the cursor on, `size` pixels.
void draw_lanes_view(const Document& document, const TimeAxis& axis, ViewState& view,
                     const Palette& palette, ImVec2 size);

}  // namespace pushlab::viz
