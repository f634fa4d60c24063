#pragma once
// Writing a scenario back as JSON that a person can read and the loader reads back unchanged.

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace pushlab::sim {

// Every field, defaults included, in the order of the loader's format; times back in seconds or
// milliseconds, whole numbers written without ".0". parse_scenario(to_json(s), ...) == s for any
// scenario the loader accepts.
nlohmann::ordered_json to_json(const Scenario& scenario);

// The cluster section alone, every field written.
nlohmann::ordered_json to_json(const Cluster& cluster);

// to_json indented by two spaces, with a final newline: the form of scenarios/*.json.
std::string to_json_text(const Scenario& scenario);

// Writes to_json_text through a temporary file renamed over `path`, so a failed write never
// leaves half a file. Throws ScenarioError naming `path` when it cannot write.
void save_scenario_file(const Scenario& scenario, const std::filesystem::path& path);

}  // namespace pushlab::sim
