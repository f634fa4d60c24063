#include "sim/scenario/load.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <string>

#include "sim/json/describe.hpp"
#include "sim/json/object_reader.hpp"
#include "sim/json/parse.hpp"
#include "sim/json/read_value.hpp"
#include "sim/scenario/detail/read_cluster.hpp"
#include "sim/scenario/detail/read_sections.hpp"
#include "sim/scenario/detail/read_traffic.hpp"
#include "sim/scenario/fields.hpp"

namespace pushlab::sim {

namespace {

using json::Json;
using json::Location;
using json::NumberRange;
using json::ObjectReader;

// Far above any scenario written by hand; stops a wrong path from filling memory.
constexpr std::size_t kMaxFileBytes = 64 * 1024 * 1024;
constexpr std::size_t kMaxNameLength = 64;
using fields::kDurationSeconds;
using fields::kMaxClients;

constexpr std::array<std::string_view, 17> kScenarioFields = {
    "name",      "title",   "description", "duration_s", "seed",       "transports",
    "clients",   "network", "proxy",       "http",       "short_poll", "long_poll",
    "websocket", "sse",     "engine_io",   "traffic",    "cluster"};

bool is_slug(std::string_view name) {
  const auto slug_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  };
  return !name.empty() && name.size() <= kMaxNameLength &&
         std::all_of(name.begin(), name.end(), slug_char);
}

std::string read_name(const ObjectReader& object) {
  const Json& value = object.require("name", "in every scenario");
  const std::string& name = json::read_string(value, object.location("name"));
  if (!is_slug(name)) {
    object.location("name").fail(json::describe(value) +
                                 " is not a valid name (expected 1 to 64 of a-z, 0-9 and '-', "
                                 "like \"chat-behind-proxy\")");
  }
  return name;
}

constexpr std::array<std::string_view, 2> kLaneFields = {"id", "transport"};

// "websocket", or {"id": "websocket-blocked", "transport": "websocket"} for a second lane of it.
LaneSpec read_lane(const Json& value, const Location& where) {
  if (!value.is_object()) return json::read_enum(value, where, kAllTransports, "a transport");
  const ObjectReader object(value, where, kLaneFields);
  const Transport transport =
      json::read_enum(object.require("transport", "in every lane"), object.location("transport"),
                      kAllTransports, "a transport");
  LaneSpec lane(transport);
  if (const Json* id = object.find("id")) {
    lane.id = json::read_string(*id, object.location("id"));
    if (!is_slug(lane.id)) {
      object.location("id").fail(json::describe(*id) +
                                 " is not a valid lane id (expected 1 to 64 of a-z, 0-9 and '-')");
    }
  }
  return lane;
}

std::vector<LaneSpec> read_lanes(const Json& value, const Location& where) {
  const auto& items = json::read_array(value, where);
  if (items.empty()) {
    where.fail("[] is empty (expected at least one of " + transport_name_list() + ")");
  }
  std::vector<LaneSpec> lanes;
  for (std::size_t i = 0; i < items.size(); ++i) {
    LaneSpec lane = read_lane(items[i], where.item(i));
    const auto same_id = [&](const LaneSpec& other) { return other.id == lane.id; };
    if (std::any_of(lanes.begin(), lanes.end(), same_id)) {
      where.item(i).fail(json::describe(Json(lane.id)) +
                         " is listed twice (expected each lane once; a second lane of a "
                         "transport needs an \"id\" of its own)");
    }
    lanes.push_back(std::move(lane));
  }
  return lanes;
}

// Reads an optional object section with `read`, keeping `out` (its defaults) when absent.
template <typename Section>
void read_section(const ObjectReader& object, std::string_view field,
                  Section (*read)(const Json&, const Location&), Section& out) {
  if (const Json* value = object.find(field)) out = read(*value, object.location(field));
}

void read_sections(const ObjectReader& object, Scenario& scenario) {
  read_section(object, "network", detail::read_network, scenario.network);
  read_section(object, "proxy", detail::read_proxy, scenario.proxy);
  read_section(object, "http", detail::read_http, scenario.http);
  read_section(object, "short_poll", detail::read_short_poll, scenario.short_poll);
  read_section(object, "long_poll", detail::read_long_poll, scenario.long_poll);
  read_section(object, "websocket", detail::read_websocket, scenario.websocket);
  read_section(object, "engine_io", detail::read_engine_io, scenario.engine_io);
  read_section(object, "sse", detail::read_sse, scenario.sse);
}

}  // namespace

Scenario load_scenario_file(const std::filesystem::path& path) {
  return parse_scenario(json::parse_file(path, kMaxFileBytes), path.string());
}

Scenario parse_scenario_text(std::string_view text, std::string_view source_name) {
  return parse_scenario(json::parse_text(text, source_name), source_name);
}

Scenario parse_scenario(const nlohmann::ordered_json& value, std::string_view source_name) {
  const ObjectReader object(value, Location(source_name), kScenarioFields);
  Scenario scenario;
  scenario.name = read_name(object);
  object.read_string("title", scenario.title);
  object.read_string("description", scenario.description);
  scenario.duration = json::read_seconds(object.require("duration_s", "in every scenario"),
                                         object.location("duration_s"), kDurationSeconds);
  object.read_integer("seed", std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max(),
                      scenario.seed);
  scenario.lanes =
      read_lanes(object.require("transports", "in every scenario"), object.location("transports"));
  object.read_integer("clients", 1, kMaxClients, scenario.clients);
  read_sections(object, scenario);
  scenario.traffic = detail::read_traffic(object.require("traffic", "in every scenario"),
                                          object.location("traffic"), scenario.duration);
  if (const Json* cluster = object.find("cluster")) {
    scenario.cluster =
        detail::read_cluster(*cluster, object.location("cluster"), scenario.duration);
    if (scenario.network.tls && scenario.cluster->balancer.sticky == Stickiness::cookie) {
      object.location("cluster")
          .field("balancer")
          .field("sticky")
          .fail(
              "\"cookie\" with network.tls: the balancer passes TLS through unread, so it can "
              "neither set nor read a cookie (expected sticky \"ip-hash\" or \"none\" with TLS)");
    }
  }
  return scenario;
}

}  // namespace pushlab::sim
