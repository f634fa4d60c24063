#pragma once
// What a parameters control offers for a field: the whole range the loader accepts, so that a
// value a file holds is never clamped once touched (a 5 s latency stays 5 s). Wide ranges drag on
// a logarithmic scale, so that both 5 ms and 50 s are in reach.

#include "sim/json/number_range.hpp"
#include "sim/scenario/fields.hpp"

namespace pushlab::viz {

struct ControlLimits {
  double low = 0;
  double high = 0;
  bool logarithmic = false;

  bool operator==(const ControlLimits&) const = default;
};

// An excluded end is stepped just inside.
ControlLimits control_limits(const sim::json::NumberRange& range);
// And 0 is offered below the range when it has a meaning of its own (a ping interval of 0).
ControlLimits control_limits(const sim::FieldInfo& field);

}  // namespace pushlab::viz
