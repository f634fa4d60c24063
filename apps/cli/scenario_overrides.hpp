#pragma once
// Loading a scenario for a command, with the command line's overrides applied and checked.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace pushlab::cli {

struct ScenarioOverrides {
  std::vector<std::string> transports;  // empty: the scenario's own
  std::optional<int> clients;
  std::optional<double> duration_s;
  std::vector<std::string> settings;  // "path=value", as a lesson's "set" has them
};

// Throws InputError naming the file and pointer for a bad file, or the option for a bad value.
sim::Scenario load_with_overrides(const std::string& file, const ScenarioOverrides& overrides);

// Adds --transport, --clients, --duration and --set to a command.
void add_override_options(CLI::App& app, ScenarioOverrides& overrides);

}  // namespace pushlab::cli
