#pragma once
// Reading one lane of a trace's JSON (see trace_json.hpp). Beyond types and ranges it checks what
// makes a lane consistent: every id points into the lane, no time runs backwards, frames come in
// the order they were sent, and each frame travels between the two ends of its connection.

#include "sim/json/json.hpp"
#include "sim/json/location.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::sim::detail {

Lane read_lane(const json::Json& value, const json::Location& where);

}  // namespace pushlab::sim::detail
