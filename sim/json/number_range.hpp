#pragma once
// The numbers a field accepts, which its error message describes (read_value.hpp) and the
// parameters panel offers.

namespace pushlab::sim::json {

struct NumberRange {
  double min = 0;
  double max = 0;
  bool excludes_min = false;
  bool excludes_max = false;
};

// False for NaN.
inline bool in_range(double value, const NumberRange& range) {
  const bool above = range.excludes_min ? value > range.min : value >= range.min;
  const bool below = range.excludes_max ? value < range.max : value <= range.max;
  return above && below;
}

}  // namespace pushlab::sim::json
