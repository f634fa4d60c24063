#include "viz/model/control_limits.hpp"

#include <cmath>

namespace pushlab::viz {

namespace {

// A range this wide in its unit is too coarse to drag linearly: a pixel would be seconds.
constexpr double kWideRange = 1000;

}  // namespace

ControlLimits control_limits(const sim::json::NumberRange& range) {
  ControlLimits limits{
      .low = range.excludes_min ? std::nextafter(range.min, range.max) : range.min,
      .high = range.excludes_max ? std::nextafter(range.max, range.min) : range.max};
  limits.logarithmic = limits.high - limits.low >= kWideRange;
  return limits;
}

ControlLimits control_limits(const sim::FieldInfo& field) {
  sim::json::NumberRange range = field.range;
  if (!field.zero_means.empty()) range.min = 0;
  return control_limits(range);
}

}  // namespace pushlab::viz
