#pragma once
// Reader for the scenario's optional "cluster" section.

#include "sim/json/json.hpp"
#include "sim/json/location.hpp"
#include "sim/scenario/cluster.hpp"

namespace pushlab::sim::detail {

// `duration` bounds the failures' times.
Cluster read_cluster(const json::Json& value, const json::Location& where, Nanoseconds duration);

}  // namespace pushlab::sim::detail
