#pragma once
// The sequence diagrams as the window draws them, as an SVG picture for slides: the chosen
// lanes side by side, a lifeline per endpoint, an arrow per frame from its sending to its
// arrival (latency is slope) with its label, held requests bracketed, idle stretches cut out
// and said how long. Dark on white, the colours of presentation mode.

#include <optional>
#include <string>
#include <vector>

#include "sim/trace/trace.hpp"

namespace pushlab::viz {

struct SvgOptions {
  std::vector<sim::Transport> lanes;     // these lanes, in this order; empty: all
  std::optional<sim::Nanoseconds> from;  // the window of time drawn; none: the whole run
  std::optional<sim::Nanoseconds> to;
  float width = 1600;               // pixels
  double pixels_per_second = 1200;  // within busy stretches, as the window's default zoom
  bool compress_idle = true;
};

// Throws std::invalid_argument naming a lane the trace does not have, or an empty window.
std::string to_svg(const sim::Trace& trace, const SvgOptions& options = {});

}  // namespace pushlab::viz
