#pragma once
// The playback bar: home, step back, play or pause, step forward, end; the speed on a log
// slider; a scrubber over the whole run with the current time; zoom and idle compression.
// And the keyboard: Space, Left/Right, Home/End, +/-.

#include "viz/model/document.hpp"
#include "viz/model/view_state.hpp"

namespace pushlab::viz {

void draw_playback_bar(const Document& document, ViewState& view);

// Keys that work wherever the mouse is (unless a text field has the keyboard).
void handle_playback_keys(const Document& document, ViewState& view);

}  // namespace pushlab::viz
