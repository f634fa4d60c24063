#pragma once
// Where the learner is looking: the playhead, the selected and hovered frames, the zoom and
// whether idle stretches are compressed, presentation mode. Kept when a slider re-simulates.

#include <optional>

#include "viz/model/frame_ref.hpp"
#include "viz/model/playback.hpp"
#include "viz/model/time_axis.hpp"

namespace pushlab::viz {

// A zoom keeps the time under the mouse where it was on screen: `offset` pixels below the
// top of the diagrams.
struct ZoomAnchor {
  Nanoseconds time{0};
  float offset = 0;
};

// The panels that can be brought forward: under the diagrams, or (parameters) beside them.
enum class Panel { plots, events, figures, exports, parameters };

struct ViewState {
  Playback playback;
  AxisScale scale;
  std::optional<FrameRef> selected;
  std::optional<FrameRef> hovered;
  std::optional<std::size_t> hovered_field;  // in the inspector's anatomy of the selection
  bool follow_playhead = true;               // while playing, scroll to keep the playhead in view
  bool scroll_to_playhead = true;            // once, at the next frame (after a seek or a step)
  std::optional<ZoomAnchor> zoom_anchor;
  bool presentation = false;
  // The panel to bring to the front at the next frame (the user picks one after that).
  std::optional<Panel> show_panel;
};

}  // namespace pushlab::viz
