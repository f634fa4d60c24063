#pragma once
// The diagrams' colours on white (presentation mode and slides): the Okabe-Ito hues, darker, by
// FrameColour. Plain numbers, shared by the window's palette and the SVG export.

#include <array>
#include <cstdint>

namespace pushlab::viz {

struct Rgb {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
};

inline constexpr std::array<Rgb, 7> kFrameColoursOnWhite = {{
    {90, 90, 90},    // TCP
    {160, 60, 120},  // TLS
    {0, 114, 178},   // HTTP: blue
    {190, 110, 0},   // WebSocket
    {0, 130, 90},    // SSE
    {200, 60, 0},    // errors
    {120, 95, 0},    // RESP, to and from the broker: dark yellow
}};

inline constexpr Rgb kTextOnWhite{0, 0, 0};
inline constexpr Rgb kFaintTextOnWhite{70, 70, 70};
inline constexpr Rgb kLifelineOnWhite{60, 60, 60};
inline constexpr Rgb kLaneOnWhite{246, 246, 246};
// A connection's bar: the HTTP blue, mostly transparent, so bars side by side read apart.
inline constexpr Rgb kConnectionOnWhite = kFrameColoursOnWhite[2];
inline constexpr float kConnectionAlpha = 80.0f / 255.0f;

}  // namespace pushlab::viz
