#pragma once
// The sequence diagrams over a part of the run, worked out once and painted twice: by the window
// (viz/draw/lanes_view) and by the SVG export (trace_svg), through a Painter. For each lane: its
// lifelines, a bar beside a lifeline for each open connection, a bracket for each held request,
// an arrow for each frame on the wire, and the labels that fit without running into one another;
// across the lanes, the idle stretches cut out and the times down the gutter.

#include <optional>
#include <string>
#include <vector>

#include "sim/trace/trace.hpp"
#include "viz/model/arrows.hpp"
#include "viz/model/diagram.hpp"
#include "viz/model/frame_ref.hpp"
#include "viz/model/lane_layout.hpp"
#include "viz/model/painter.hpp"
#include "viz/model/time_axis.hpp"

namespace pushlab::viz {

// Where on the page the diagrams go, and which part of the run they show.
struct SceneFrame {
  float gutter_left = 0;  // the times' column, left of the lanes
  float lanes_left = 0;
  float lanes_width = 0;
  float gap = 10;         // between two lanes
  float time_zero_y = 0;  // where the start of the run is (or would be) drawn
  float top = 0;          // the part of the page shown, top to bottom
  float bottom = 0;
  TimeSpan visible;      // the part of the run shown
  float unit = 1;        // sizes are given for 17-pixel type: this scales them with the font
  float time_step = 60;  // pixels between two times down the gutter
};

// The window's playhead and selection. The export has neither: every frame is drawn as sent.
struct SceneFocus {
  std::optional<Nanoseconds> now;  // frames sent after it are faint and unlabelled
  std::optional<FrameRef> selected;
  std::optional<FrameRef> hovered;
};

struct SceneText {
  Point at;  // the text's top, at the edge or middle `align` names
  std::string text;
  Ink ink;
  Align align = Align::left;
  std::optional<Ink> backing;  // a rectangle behind it, so that it reads over lines
};

// A connection open for a while: a bar beside the lifeline at one of its ends.
struct ConnectionBar {
  float x = 0;
  float top = 0;
  float bottom = 0;
};

// A request the server held: a bracket right of its lifeline, open where it runs off the part
// shown.
struct HoldBracket {
  float x = 0;
  float top = 0;
  float bottom = 0;
  bool begins = true;  // its start, and its end, are within the part shown
  bool ends = true;
};

struct LaneScene {
  LaneLayout layout;
  std::vector<ConnectionBar> bars;
  std::vector<HoldBracket> holds;
  std::vector<Arrow> arrows;
  std::vector<SceneText> labels;  // the arrows' and the holds'
};

// An idle stretch cut out of the time axis: a zigzag across the lanes and how long it was.
struct BreakMark {
  float y = 0;
  SceneText label;
};

struct DiagramScene {
  SceneFrame frame;
  std::vector<LaneScene> lanes;
  std::vector<BreakMark> breaks;
  std::vector<SceneText> times;  // down the gutter
};

// `measure` sizes the labels as they will be painted, to fit and cull them.
DiagramScene build_scene(const sim::Trace& trace, const Diagram& diagram, const TimeAxis& axis,
                         const SceneFrame& frame, const SceneFocus& focus, const Painter& measure);

void paint_scene(const DiagramScene& scene, Painter& painter);

// Above the lanes, `height` tall from `top`: each lane's title and its lifelines' names.
void paint_lane_headers(const std::vector<LaneLayout>& lanes,
                        const std::vector<std::string>& titles, Painter& painter, float top,
                        float height);

// The frame whose arrow passes within `tolerance` pixels of `point`, the nearest if several.
std::optional<FrameRef> frame_at(const DiagramScene& scene, Point point, float tolerance);

}  // namespace pushlab::viz
