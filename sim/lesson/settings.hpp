#pragma once
// A step's `set`: scenario fields changed by dotted path ("proxy.strip_upgrade": true), checked
// by the scenario loader's own rules, as the window's parameters are.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace pushlab::sim {

// The scenario with the fields changed, in order. Throws json::InputError with `source` for a
// path that names no field of a scenario, or a value the loader refuses (naming its pointer).
Scenario apply_settings(const Scenario& scenario,
                        const std::vector<std::pair<std::string, nlohmann::ordered_json>>& settings,
                        std::string_view source);

}  // namespace pushlab::sim
