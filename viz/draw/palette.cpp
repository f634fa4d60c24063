#include "viz/draw/palette.hpp"

namespace pushlab::viz {

const Palette& dark_palette() {
  static const Palette palette{.background = IM_COL32(24, 26, 31, 255),
                               .lane_background = IM_COL32(32, 35, 42, 255),
                               .text = IM_COL32(235, 235, 235, 255),
                               .faint_text = IM_COL32(150, 155, 165, 255),
                               .lifeline = IM_COL32(120, 125, 135, 255),
                               .connection = IM_COL32(86, 180, 233, 80),
                               .playhead = IM_COL32(240, 228, 66, 255),
                               .selection = IM_COL32(255, 255, 255, 255),
                               .frame_colours =
                                   {
                                       IM_COL32(170, 170, 170, 255),  // TCP: grey
                                       IM_COL32(204, 121, 167, 255),  // TLS: reddish purple
                                       IM_COL32(86, 180, 233, 255),   // HTTP: sky blue
                                       IM_COL32(230, 159, 0, 255),    // WebSocket: orange
                                       IM_COL32(0, 158, 115, 255),    // SSE: bluish green
                                       IM_COL32(213, 94, 0, 255),     // errors: vermillion
                                   },
                               .transport_colours = {
                                   IM_COL32(204, 121, 167, 255),  // short polling: reddish purple
                                   IM_COL32(86, 180, 233, 255),   // long polling: sky blue
                                   IM_COL32(230, 159, 0, 255),    // WebSocket: orange
                                   IM_COL32(0, 158, 115, 255),    // SSE: bluish green
                               }};
  return palette;
}

const Palette& presentation_palette() {
  static const Palette palette{.background = IM_COL32(255, 255, 255, 255),
                               .lane_background = IM_COL32(246, 246, 246, 255),
                               .text = IM_COL32(0, 0, 0, 255),
                               .faint_text = IM_COL32(70, 70, 70, 255),
                               .lifeline = IM_COL32(60, 60, 60, 255),
                               .connection = IM_COL32(0, 114, 178, 80),
                               .playhead = IM_COL32(0, 0, 0, 255),
                               .selection = IM_COL32(0, 0, 0, 255),
                               .frame_colours =
                                   {
                                       IM_COL32(90, 90, 90, 255),    // TCP
                                       IM_COL32(160, 60, 120, 255),  // TLS
                                       IM_COL32(0, 114, 178, 255),   // HTTP: blue
                                       IM_COL32(190, 110, 0, 255),   // WebSocket
                                       IM_COL32(0, 130, 90, 255),    // SSE
                                       IM_COL32(200, 60, 0, 255),    // errors
                                   },
                               .transport_colours = {
                                   IM_COL32(160, 60, 120, 255),  // short polling
                                   IM_COL32(0, 114, 178, 255),   // long polling
                                   IM_COL32(190, 110, 0, 255),   // WebSocket
                                   IM_COL32(0, 130, 90, 255),    // SSE
                               }};
  return palette;
}

ImU32 faded(ImU32 colour, float alpha) {
  const auto a =
      static_cast<ImU32>(static_cast<float>((colour >> IM_COL32_A_SHIFT) & 0xff) * alpha);
  return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

}  // namespace pushlab::viz
