#include "sim/lesson/settings.hpp"

#include "sim/json/input_error.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/save.hpp"

namespace pushlab::sim {

namespace {

// "proxy.strip_upgrade" as the JSON pointer "/proxy/strip_upgrade".
nlohmann::ordered_json::json_pointer pointer_of(const std::string& path) {
  std::string pointer = "/";
  for (const char c : path) pointer += c == '.' ? '/' : c;
  return nlohmann::ordered_json::json_pointer(pointer);
}

// The optional cluster section is there to be set even when the scenario has none: it starts
// as one server behind a balancer, every other field at its default.
void add_missing_cluster(nlohmann::ordered_json& json, const std::string& path) {
  if (json.contains("cluster")) return;
  if (path == "cluster" || path.starts_with("cluster.")) json["cluster"] = to_json(Cluster{});
}

}  // namespace

Scenario apply_settings(const Scenario& scenario,
                        const std::vector<std::pair<std::string, nlohmann::ordered_json>>& settings,
                        std::string_view source) {
  if (settings.empty()) return scenario;
  nlohmann::ordered_json json = to_json(scenario);
  for (const auto& [path, value] : settings) {
    add_missing_cluster(json, path);
    const bool well_formed = !path.empty() && path.find('~') == std::string::npos &&
                             path.front() != '.' && path.back() != '.';
    if (!well_formed || !json.contains(pointer_of(path))) {
      throw json::InputError(std::string(source), "/set",
                             "\"" + path +
                                 "\" names no field of a scenario (expected a dotted "
                                 "path such as \"proxy.strip_upgrade\" or \"network.latency_ms\")");
    }
    json[pointer_of(path)] = value;
  }
  return parse_scenario(json, source);
}

}  // namespace pushlab::sim
