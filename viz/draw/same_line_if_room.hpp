#pragma once
// Bars of controls that wrap: on a narrow window, or in presentation mode's large type, what
// does not fit goes to the next line instead of running off the window's edge.

#include <imgui.h>

namespace pushlab::viz {

// Puts the next item of `width` on this line, `spacing` after the last one (-1: the style's),
// when it fits in what is left of the line; else at the start of the next.
inline void same_line_if_room(float width, float spacing = -1) {
  ImGui::SameLine(0, spacing);
  if (ImGui::GetCursorPosX() + width > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
}

}  // namespace pushlab::viz
