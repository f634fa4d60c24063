#pragma once
// A point on a diagram, in pixels: x across, y down.

namespace pushlab::viz {

struct Point {
  float x = 0;
  float y = 0;
};

}  // namespace pushlab::viz
