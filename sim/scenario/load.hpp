#pragma once
// Loading a scenario from JSON. Every input is untrusted: each function returns a valid Scenario
// or throws a ScenarioError naming the first thing wrong (see scenario_error.hpp).
//
//   const Scenario chat = load_scenario_file("scenarios/chat.json");

#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace pushlab::sim {

// Errors name the file as `path` was written.
Scenario load_scenario_file(const std::filesystem::path& path);

// Text from anywhere (an editor, a test); `source_name` stands for the file name in errors.
Scenario parse_scenario_text(std::string_view text, std::string_view source_name);

// Ordered JSON, because extra header fields keep the order they were written in. Parse text with
// parse_scenario_text instead when possible: only it can report repeated keys.
Scenario parse_scenario(const nlohmann::ordered_json& json, std::string_view source_name);

}  // namespace pushlab::sim
