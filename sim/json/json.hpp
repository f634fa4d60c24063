#pragma once
// The JSON value every reader and writer in PushLab uses: ordered, so objects keep the order of the
// file (extra header fields, a trace's fields as written).

#include <nlohmann/json.hpp>

namespace pushlab::sim::json {

using Json = nlohmann::ordered_json;

}  // namespace pushlab::sim::json
