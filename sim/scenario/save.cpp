#include "sim/scenario/save.hpp"

#include <array>
#include <cmath>
#include <concepts>
#include <string>
#include <variant>

#include "sim/json/json.hpp"
#include "sim/json/text_file.hpp"
#include "sim/json/units.hpp"
#include "sim/scenario/fields.hpp"

namespace pushlab::sim {

namespace {

using json::Json;
using json::kNanosecondsPerMillisecond;
using json::kNanosecondsPerSecond;

// 120 rather than 120.0; doubles below 2^53 are whole exactly when they look it.
Json number(double value) {
  constexpr double kExactIntegerLimit = 9007199254740992.0;  // 2^53
  if (std::abs(value) < kExactIntegerLimit && value == std::floor(value)) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

Json seconds(Nanoseconds time) {
  return number(json::to_unit(time, kNanosecondsPerSecond));
}

Json milliseconds(Nanoseconds time) {
  return number(json::to_unit(time, kNanosecondsPerMillisecond));
}

Json value_json(const FieldInfo&, bool value) {
  return value;
}

Json value_json(const FieldInfo&, double value) {
  return number(value);
}

template <std::integral Integer>
Json value_json(const FieldInfo&, Integer value) {
  return value;
}

Json value_json(const FieldInfo& field, Nanoseconds value) {
  return field.unit == FieldUnit::seconds ? seconds(value) : milliseconds(value);
}

// Every field in the table's order; an optional one only when set.
template <typename Section, std::size_t N>
Json fields_json(const Section& section, const std::array<Field<Section>, N>& table) {
  Json json = Json::object();
  for (const Field<Section>& field : table) {
    std::visit(
        [&](auto member) {
          const auto& value = section.*member;
          if constexpr (requires { value.has_value(); }) {
            if (value) json[std::string(field.info.key)] = value_json(field.info, *value);
          } else {
            json[std::string(field.info.key)] = value_json(field.info, value);
          }
        },
        field.member);
  }
  return json;
}

// An object, not an array of pairs, because that is how people write headers; two fields with
// exactly the same name would collapse into one, but the loader never produces them.
Json to_json(const std::vector<HeaderField>& fields) {
  Json json = Json::object();
  for (const HeaderField& field : fields) json[field.name] = field.value;
  return json;
}

Json to_json(const TrafficSource& source) {
  Json json = {{"direction", to_string(source.direction)},
               {"pattern", pattern_name(source.pattern)}};
  if (const auto* poisson = std::get_if<Poisson>(&source.pattern)) {
    json["rate_per_s"] = number(poisson->rate_per_s);
  } else if (const auto* periodic = std::get_if<Periodic>(&source.pattern)) {
    json["interval_s"] = seconds(periodic->interval);
    json["start_s"] = seconds(periodic->start);
  } else if (const auto* at = std::get_if<At>(&source.pattern)) {
    json["times_s"] = Json::array();
    for (const Nanoseconds time : at->times) json["times_s"].push_back(seconds(time));
  }
  json["payload_bytes"] = source.payload_bytes;
  if (source.audience != Audience::one) json["audience"] = to_string(source.audience);
  if (source.audience == Audience::room) json["room_size"] = source.room_size;
  return json;
}

// A lane named after its transport is written as the transport's name, as it is read.
Json lanes_json(const std::vector<LaneSpec>& lanes) {
  Json json = Json::array();
  for (const LaneSpec& lane : lanes) {
    if (lane.id == to_string(lane.transport)) {
      json.push_back(to_string(lane.transport));
    } else {
      json.push_back({{"id", lane.id}, {"transport", to_string(lane.transport)}});
    }
  }
  return json;
}

Json traffic_json(const std::vector<TrafficSource>& traffic) {
  Json json = Json::array();
  for (const TrafficSource& source : traffic) json.push_back(to_json(source));
  return json;
}

// A section's choices first, then its table's fields.
template <typename Section, std::size_t N>
Json with_choices(Json choices, const Section& section,
                  const std::array<Field<Section>, N>& table) {
  const Json numbers = fields_json(section, table);
  for (const auto& [key, value] : numbers.items()) choices[key] = value;
  return choices;
}

Json to_json(const Failure& failure) {
  Json json = {{"at_s", seconds(failure.at)},
               {"server", failure.server},
               {"kind", kFailureKinds(failure.kind)}};
  if (failure.restart_after) json["restart_after_s"] = seconds(*failure.restart_after);
  return json;
}

}  // namespace

nlohmann::ordered_json to_json(const Cluster& cluster) {
  Json failures = Json::array();
  for (const Failure& failure : cluster.failures) failures.push_back(to_json(failure));
  const Balancer& balancer = cluster.balancer;
  return {
      {"servers", cluster.servers},
      {"balancer", with_choices({{"policy", kBalancerPolicies(balancer.policy)},
                                 {"sticky", kStickiness(balancer.sticky)}},
                                balancer, kBalancerFields)},
      {"server", with_choices({{"model", kServerModels(cluster.server.model)}}, cluster.server,
                              kServerHostFields)},
      {"broker",
       with_choices({{"kind", kBrokerKinds(cluster.broker.kind)}}, cluster.broker, kBrokerFields)},
      {"failures", failures},
      {"reconnect", with_choices({{"policy", kReconnectPolicies(cluster.reconnect.policy)}},
                                 cluster.reconnect, kReconnectFields)},
  };
}

nlohmann::ordered_json to_json(const Scenario& scenario) {
  nlohmann::ordered_json json = {
      {"name", scenario.name},
      {"title", scenario.title},
      {"description", scenario.description},
      {"duration_s", seconds(scenario.duration)},
      {"seed", scenario.seed},
      {"transports", lanes_json(scenario.lanes)},
      {"clients", scenario.clients},
      {"network", fields_json(scenario.network, kNetworkFields)},
      {"proxy", fields_json(scenario.proxy, kProxyFields)},
      {"http",
       {{"request_headers", to_json(scenario.http.request_headers)},
        {"response_headers", to_json(scenario.http.response_headers)}}},
      {"short_poll", fields_json(scenario.short_poll, kShortPollFields)},
      {"long_poll", fields_json(scenario.long_poll, kLongPollFields)},
      {"websocket", fields_json(scenario.websocket, kWebSocketFields)},
      {"sse", fields_json(scenario.sse, kSseFields)},
      {"engine_io", fields_json(scenario.engine_io, kEngineIoFields)},
      {"traffic", traffic_json(scenario.traffic)},
  };
  if (scenario.cluster) json["cluster"] = to_json(*scenario.cluster);
  return json;
}

std::string to_json_text(const Scenario& scenario) {
  return to_json(scenario).dump(2) + "\n";
}

void save_scenario_file(const Scenario& scenario, const std::filesystem::path& path) {
  json::write_text_file(path, to_json_text(scenario));
}

}  // namespace pushlab::sim
