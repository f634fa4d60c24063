#pragma once
// Four small charts under the diagrams, one line (or dots) per transport, over the whole run:
// the latency of each message, bytes on the client's link against payload, overhead per
// message, and connections open at the server. The playhead is a vertical line; hovering
// shows each transport's value at that time. Drawn with ImDrawList: ImPlot is not packaged.

#include "viz/draw/palette.hpp"
#include "viz/model/document.hpp"
#include "viz/model/view_state.hpp"

namespace pushlab::viz {

void draw_plots(const Document& document, const ViewState& view, const Palette& palette);

}  // namespace pushlab::viz
