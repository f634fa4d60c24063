#pragma once
// The colours of the diagrams. Layers take the Okabe-Ito palette, which viewers with any of the
// common colour-vision deficiencies can tell apart, and which survives a washed-out projector;
// presentation mode draws the same hues, darker, on white.

#include <imgui.h>

#include "sim/scenario/transport.hpp"
#include "viz/model/frame_label.hpp"

namespace pushlab::viz {

struct Palette {
  ImU32 background;
  ImU32 lane_background;
  ImU32 text;
  ImU32 faint_text;
  ImU32 lifeline;
  ImU32 connection;
  ImU32 playhead;
  ImU32 selection;
  ImU32 frame_colours[7];                            // by FrameColour
  ImU32 transport_colours[sim::kTransports.size()];  // by Transport, in the plots

  ImU32 frame(FrameColour colour) const { return frame_colours[static_cast<int>(colour)]; }
  ImU32 transport(sim::Transport transport) const {
    return transport_colours[static_cast<int>(transport)];
  }
};

const Palette& dark_palette();
const Palette& presentation_palette();

// `colour` with its alpha scaled by `alpha` (0..1): faded frames not yet sent.
ImU32 faded(ImU32 colour, float alpha);

}  // namespace pushlab::viz
