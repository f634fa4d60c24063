#include "sim/scenario/detail/read_cluster.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "sim/json/describe.hpp"
#include "sim/json/object_reader.hpp"
#include "sim/json/read_value.hpp"
#include "sim/json/units.hpp"
#include "sim/scenario/detail/read_fields.hpp"
#include "sim/scenario/fields.hpp"

namespace pushlab::sim::detail {

using json::Json;
using json::Location;
using json::ObjectReader;

namespace {

// "15 s", "0.5 s": a time as a message names it.
std::string duration_text(Nanoseconds time) {
  return json::format_number(json::to_unit(time, json::kNanosecondsPerSecond)) + " s";
}

constexpr std::array<std::string_view, 6> kClusterFields = {"servers", "balancer", "server",
                                                            "broker",  "failures", "reconnect"};
constexpr std::array<std::string_view, 2> kBalancerChoices = {"policy", "sticky"};
constexpr std::array<std::string_view, 1> kServerChoices = {"model"};
constexpr std::array<std::string_view, 1> kBrokerChoices = {"kind"};
constexpr std::array<std::string_view, 1> kReconnectChoices = {"policy"};
constexpr std::array<std::string_view, 4> kFailureFields = {"at_s", "server", "kind",
                                                            "restart_after_s"};

template <typename Enum, std::size_t N>
void read_choice(const ObjectReader& object, std::string_view field,
                 const EnumNames<Enum, N>& choices, std::string_view noun, Enum& out) {
  if (const Json* value = object.find(field)) {
    out = choices.values[json::read_choice(*value, object.location(field), choices.names, noun)];
  }
}

// A section of choices (read here) and numbers (read by its table).
template <typename Section, std::size_t N, typename ReadChoices>
Section read_section(const ObjectReader& cluster, std::string_view name,
                     const std::array<Field<Section>, N>& table,
                     std::span<const std::string_view> choices, ReadChoices read_choices) {
  Section section;
  const Json* value = cluster.find(name);
  if (value == nullptr) return section;
  const std::vector<std::string_view> keys = keys_with(table, choices);
  const ObjectReader object(*value, cluster.location(name), keys);
  read_choices(object, section);
  read_table(object, table, section);
  return section;
}

Balancer read_balancer(const ObjectReader& cluster) {
  Balancer balancer = read_section(
      cluster, "balancer", kBalancerFields, kBalancerChoices,
      [](const ObjectReader& object, Balancer& out) {
        read_choice(object, "policy", kBalancerPolicies, "a balancing policy", out.policy);
        read_choice(object, "sticky", kStickiness, "a stickiness", out.sticky);
      });
  if (balancer.policy == BalancerPolicy::ip_hash && balancer.sticky == Stickiness::cookie) {
    cluster.location("balancer")
        .field("sticky")
        .fail(
            "\"cookie\" with policy \"ip-hash\": the hash already sends each client to one server, "
            "so a cookie would pin it a second way (expected sticky \"none\" with ip-hash, or a "
            "policy such as \"round-robin\" with the cookie)");
  }
  return balancer;
}

Failure read_failure(const Json& value, const Location& where, int servers, Nanoseconds duration) {
  const ObjectReader object(value, where, kFailureFields);
  Failure failure;
  const Json& at = object.require("at_s", "in every failure");
  failure.at = json::read_seconds(at, object.location("at_s"), fields::kAnyTimeSeconds);
  if (failure.at >= duration) {
    json::fail_range(at, object.location("at_s"),
                     "a time before the scenario's end at duration_s " + duration_text(duration));
  }
  const Json& server = object.require("server", "in every failure");
  const std::uint64_t index = json::read_integer(server, object.location("server"), 0,
                                                 static_cast<std::uint64_t>(fields::kMaxServers));
  if (index < 1 || index > static_cast<std::uint64_t>(servers)) {
    json::fail_range(server, object.location("server"),
                     "a server from 1 to " + std::to_string(servers) + ", as cluster.servers is " +
                         std::to_string(servers));
  }
  failure.server = static_cast<int>(index);
  failure.kind =
      kFailureKinds
          .values[json::read_choice(object.require("kind", "in every failure"),
                                    object.location("kind"), kFailureKinds.names, "a failure")];
  if (const Json* restart = object.find("restart_after_s")) {
    failure.restart_after =
        json::read_seconds(*restart, object.location("restart_after_s"), fields::kRestartSeconds);
  }
  return failure;
}

// A server fails again only once it is back.
void check_overlaps(const std::vector<Failure>& failures, const Location& where) {
  for (std::size_t i = 0; i < failures.size(); ++i) {
    for (std::size_t j = 0; j < failures.size(); ++j) {
      const Failure& earlier = failures[j];
      const Failure& later = failures[i];
      if (i == j || earlier.server != later.server || earlier.at > later.at) continue;
      if (earlier.at == later.at && j > i) continue;
      const bool still_down =
          !earlier.restart_after || later.at < earlier.at + *earlier.restart_after;
      if (!still_down) continue;
      where.item(i).field("at_s").fail(
          "server " + std::to_string(later.server) + " is still down at " +
          duration_text(later.at) + " from failures/" + std::to_string(j) + " at " +
          duration_text(earlier.at) +
          (earlier.restart_after
               ? " (it restarts at " + duration_text(earlier.at + *earlier.restart_after) + ")"
               : " (it never restarts)") +
          " (expected each failure of a server after it is back)");
    }
  }
}

std::vector<Failure> read_failures(const ObjectReader& cluster, int servers, Nanoseconds duration) {
  const Json* value = cluster.find("failures");
  if (value == nullptr) return {};
  const Location where = cluster.location("failures");
  std::vector<Failure> failures =
      json::read_list(*value, where, [&](const Json& item, const Location& item_where) {
        return read_failure(item, item_where, servers, duration);
      });
  check_overlaps(failures, where);
  return failures;
}

Reconnect read_reconnect(const ObjectReader& cluster) {
  Reconnect reconnect = read_section(cluster, "reconnect", kReconnectFields, kReconnectChoices,
                                     [](const ObjectReader& object, Reconnect& out) {
                                       read_choice(object, "policy", kReconnectPolicies,
                                                   "a reconnect policy", out.policy);
                                     });
  if (reconnect.cap < reconnect.base) {
    const Location reconnect_where = cluster.location("reconnect");
    reconnect_where.field("cap_ms").fail(
        "the longest delay " + duration_text(reconnect.cap) + " is shorter than the base " +
        duration_text(reconnect.base) + " (expected cap_ms at least base_ms)");
  }
  return reconnect;
}

}  // namespace

Cluster read_cluster(const Json& value, const Location& where, Nanoseconds duration) {
  const ObjectReader object(value, where, kClusterFields);
  Cluster cluster;
  cluster.servers = static_cast<int>(
      json::read_integer(object.require("servers", "in every cluster"), object.location("servers"),
                         1, static_cast<std::uint64_t>(fields::kMaxServers)));
  cluster.balancer = read_balancer(object);
  cluster.server =
      read_section(object, "server", kServerHostFields, kServerChoices,
                   [](const ObjectReader& section, ServerHost& out) {
                     read_choice(section, "model", kServerModels, "a server model", out.model);
                   });
  cluster.broker = read_section(object, "broker", kBrokerFields, kBrokerChoices,
                                [](const ObjectReader& section, Broker& out) {
                                  read_choice(section, "kind", kBrokerKinds, "a broker", out.kind);
                                });
  cluster.failures = read_failures(object, cluster.servers, duration);
  cluster.reconnect = read_reconnect(object);
  return cluster;
}

}  // namespace pushlab::sim::detail
