#include "apps/cli/scenario_overrides.hpp"

#include <cmath>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "apps/cli/cli_error.hpp"
#include "apps/common/data_dirs.hpp"
#include "sim/lesson/settings.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace pushlab::cli {

namespace {

// The limits a scenario file has (sim/scenario), so an override cannot make an invalid one.
constexpr int kMaxClients = 1'000'000;
constexpr double kMaxDurationS = 86'400;

}  // namespace

void add_override_options(CLI::App& app, ScenarioOverrides& overrides) {
  app.add_option("--transport", overrides.transports,
                 "Run only these: " + sim::transport_name_list() + " (repeatable)")
      ->check(CLI::IsMember(sim::transport_names()));
  app.add_option("--clients", overrides.clients, "Clients per lane, instead of the scenario's");
  app.add_option("--duration", overrides.duration_s,
                 "Seconds of traffic, instead of the scenario's");
  app.add_option("--set", overrides.settings,
                 "Change a scenario field, as a lesson's \"set\" does: PATH=VALUE with a dotted "
                 "path and a JSON value (short_poll.interval_s=0.25, proxy.enabled=true); "
                 "repeatable");
}

namespace {

// "short_poll.interval_s=0.25" as the path and its JSON value; a value that is not JSON is a
// string (network.tls=true is a bool, name=demo the string "demo").
std::pair<std::string, nlohmann::ordered_json> setting_of(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw InputError("--set " + text + ": expected PATH=VALUE, e.g. short_poll.interval_s=0.25");
  }
  const std::string value = text.substr(equals + 1);
  nlohmann::ordered_json json = nlohmann::ordered_json::parse(value, nullptr, false);
  if (json.is_discarded()) json = value;
  return {text.substr(0, equals), std::move(json)};
}

}  // namespace

sim::Scenario load_with_overrides(const std::string& file, const ScenarioOverrides& overrides) {
  sim::Scenario scenario;
  try {
    scenario = sim::load_scenario_file(apps::find_data_file(file));
  } catch (const sim::ScenarioError& error) {
    throw InputError(error.what());
  }
  if (!overrides.transports.empty()) {
    std::vector<sim::Transport> chosen;
    for (const std::string& name : overrides.transports) {
      const sim::Transport transport = *sim::parse_transport(name);
      if (std::find(chosen.begin(), chosen.end(), transport) == chosen.end()) {
        chosen.push_back(transport);
      }
    }
    // In the order given: the scenario's lanes of each transport, or a lane of it.
    std::vector<sim::LaneSpec> lanes;
    for (const sim::Transport transport : chosen) {
      std::vector<sim::LaneSpec> of_it = sim::lanes_running(scenario.lanes, {transport});
      if (of_it.empty()) of_it.emplace_back(transport);
      lanes.insert(lanes.end(), of_it.begin(), of_it.end());
    }
    scenario.lanes = std::move(lanes);
  }
  if (overrides.clients) {
    if (*overrides.clients < 1 || *overrides.clients > kMaxClients) {
      throw InputError("--clients " + std::to_string(*overrides.clients) +
                       " is out of range (expected 1 to 1000000)");
    }
    scenario.clients = *overrides.clients;
  }
  if (overrides.duration_s) {
    const double seconds = *overrides.duration_s;
    if (!(seconds > 0) || seconds > kMaxDurationS) {
      throw InputError("--duration " + CLI::detail::to_string(seconds) +
                       " is out of range (expected more than 0 and at most 86400 seconds)");
    }
    scenario.duration = sim::Nanoseconds{static_cast<std::int64_t>(std::llround(seconds * 1e9))};
  }
  if (!overrides.settings.empty()) {
    std::vector<std::pair<std::string, nlohmann::ordered_json>> settings;
    for (const std::string& text : overrides.settings) settings.push_back(setting_of(text));
    try {
      scenario = sim::apply_settings(scenario, settings, "--set");
    } catch (const sim::ScenarioError& error) {
      throw InputError(error.what());
    }
  }
  return scenario;
}

}  // namespace pushlab::cli
