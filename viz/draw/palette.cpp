#include "viz/draw/palette.hpp"

#include "viz/model/colours.hpp"

namespace pushlab::viz {

namespace {

ImU32 opaque(Rgb colour) {
  return IM_COL32(colour.r, colour.g, colour.b, 255);
}

}  // namespace

const Palette& dark_palette() {
  static const Palette palette{
      .background = IM_COL32(24, 26, 31, 255),
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
              IM_COL32(222, 184, 135, 255),  // RESP: tan, apart from the playhead
          },
      .transport_colours = {
          IM_COL32(204, 121, 167, 255),  // short polling: reddish purple
          IM_COL32(86, 180, 233, 255),   // long polling: sky blue
          IM_COL32(230, 159, 0, 255),    // WebSocket: orange
          IM_COL32(0, 158, 115, 255),    // SSE: bluish green
          IM_COL32(120, 160, 235, 255),  // Socket.IO: Okabe-Ito's blue, lightened for the dark
      }};
  return palette;
}

const Palette& presentation_palette() {
  static const Palette palette{.background = IM_COL32(255, 255, 255, 255),
                               .lane_background = opaque(kLaneOnWhite),
                               .text = opaque(kTextOnWhite),
                               .faint_text = opaque(kFaintTextOnWhite),
                               .lifeline = opaque(kLifelineOnWhite),
                               .connection = IM_COL32(0, 114, 178, 80),
                               .playhead = IM_COL32(0, 0, 0, 255),
                               .selection = IM_COL32(0, 0, 0, 255),
                               .frame_colours =
                                   {
                                       opaque(kFrameColoursOnWhite[0]),
                                       opaque(kFrameColoursOnWhite[1]),
                                       opaque(kFrameColoursOnWhite[2]),
                                       opaque(kFrameColoursOnWhite[3]),
                                       opaque(kFrameColoursOnWhite[4]),
                                       opaque(kFrameColoursOnWhite[5]),
                                       opaque(kFrameColoursOnWhite[6]),
                                   },
                               .transport_colours = {
                                   opaque(kFrameColoursOnWhite[1]),  // short polling
                                   opaque(kFrameColoursOnWhite[2]),  // long polling
                                   opaque(kFrameColoursOnWhite[3]),  // WebSocket
                                   opaque(kFrameColoursOnWhite[4]),  // SSE
                                   IM_COL32(0, 114, 178, 255),       // Socket.IO: Okabe-Ito's blue
                               }};
  return palette;
}

ImU32 faded(ImU32 colour, float alpha) {
  const auto a =
      static_cast<ImU32>(static_cast<float>((colour >> IM_COL32_A_SHIFT) & 0xff) * alpha);
  return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

}  // namespace pushlab::viz
