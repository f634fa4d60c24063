#pragma once
// Where a moment of the run is drawn: the vertical axis of the sequence diagrams, time running
// downward, shared by every lane so that the same message sits at the same height in each.
//
// A run is mostly silence: a 30 s long-poll hold beside 1 ms frames, a poll every second with
// 50 ms of traffic in it. With idle compression on, a stretch in which nothing is on the wire
// and that would be drawn taller than `max_idle_height` is drawn that tall instead, with a
// break mark, so both the hold and the frame read well. Busy stretches keep the true scale.

#include <vector>

#include "sim/engine/nanoseconds.hpp"

namespace pushlab::viz {

using sim::Nanoseconds;

struct TimeSpan {
  Nanoseconds begin{0};
  Nanoseconds end{0};
};

struct AxisScale {
  double pixels_per_second = 1200.0;  // the zoom, within busy stretches
  bool compress_idle = true;
  float max_idle_height = 44.0f;  // a compressed stretch's height, in pixels
  float busy_margin = 10.0f;      // pixels kept at true scale either side of a busy stretch
};

// A compressed stretch: drawn from y to y + height, standing for `span` of the run.
struct AxisBreak {
  float y = 0;
  float height = 0;
  TimeSpan span;
};

class TimeAxis {
 public:
  TimeAxis() : TimeAxis({}, Nanoseconds{0}, AxisScale{}) {}
  // `busy`: spans in which something is on the wire, in any order, overlapping or not.
  TimeAxis(std::vector<TimeSpan> busy, Nanoseconds duration, const AxisScale& scale);

  // 0 at the start of the run; grows downward. Clamped to the run.
  float y_of(Nanoseconds time) const;
  // The inverse of y_of, for a click or a drag on the diagram.
  Nanoseconds time_at(float y) const;

  float height() const { return y_of(duration_); }
  Nanoseconds duration() const { return duration_; }
  const std::vector<AxisBreak>& breaks() const { return breaks_; }
  const AxisScale& scale() const { return scale_; }

 private:
  // From `start` on (until the next piece), y grows linearly at `pixels_per_ns`.
  struct Piece {
    Nanoseconds start{0};
    float y = 0;
    double pixels_per_ns = 0;
  };

  void add_piece(Nanoseconds start, double pixels_per_ns);

  std::vector<Piece> pieces_;
  std::vector<AxisBreak> breaks_;
  Nanoseconds duration_{0};
  AxisScale scale_;
};

}  // namespace pushlab::viz
