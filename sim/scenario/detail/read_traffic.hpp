#pragma once
// Reader for the scenario's "traffic" list.

#include <vector>

#include "sim/json/json.hpp"
#include "sim/json/location.hpp"
#include "sim/scenario/traffic.hpp"

namespace pushlab::sim::detail {

// `duration` bounds the times a source names ("start_s", "times_s").
std::vector<TrafficSource> read_traffic(const json::Json& value, const json::Location& where,
                                        Nanoseconds duration);

}  // namespace pushlab::sim::detail
