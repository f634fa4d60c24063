#pragma once
// Small scenarios to vary in tests, and the error a scenario gets.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/scenario/load.hpp"

namespace pushlab::sim::testing {

using Json = nlohmann::ordered_json;

// The fewest fields a valid scenario has.
inline Json minimal_scenario() {
  return {{"name", "t"},
          {"duration_s", 10},
          {"transports", Json::array({"websocket"})},
          {"traffic", Json::array()}};
}

inline Json with_source(Json scenario, Json source) {
  scenario["traffic"].push_back(std::move(source));
  return scenario;
}

// what() of the error parsing `json` as "t.json", or "no error".
inline std::string error_of(const Json& json) {
  try {
    parse_scenario(json, "t.json");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

inline std::string error_of_text(std::string_view text) {
  try {
    parse_scenario_text(text, "t.json");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace pushlab::sim::testing
