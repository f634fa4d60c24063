// The optional cluster section and traffic audiences: what they read, what they default to,
// how they are written back, and every error, with its exact message.

#include <doctest/doctest.h>

#include "sim/lesson/settings.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/save.hpp"
#include "tests/sim/scenario/scenario_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;
using namespace std::chrono_literals;

namespace {

// The issue's example, as a scenario's section.
const Json kCluster = Json::parse(R"({
  "servers": 4,
  "balancer": { "policy": "round-robin", "sticky": "none", "idle_timeout_s": 60, "max_connection_s": 0 },
  "server": { "model": "event-loop", "threads": 200, "accept_backlog": 511, "max_connections": 65536,
              "memory_per_connection_kb": 10, "cpu_us_per_message": 5 },
  "broker": { "kind": "redis-pubsub", "latency_ms": 0.5 },
  "failures": [ { "at_s": 10, "server": 2, "kind": "crash", "restart_after_s": 5 } ],
  "reconnect": { "policy": "full-jitter", "base_ms": 1000, "cap_ms": 30000 }
})");

Json with_cluster(Json cluster) {
  Json json = minimal_scenario();
  json["duration_s"] = 60;
  json["cluster"] = std::move(cluster);
  return json;
}

Json set(Json json, const std::string& pointer, Json value) {
  json[Json::json_pointer(pointer)] = std::move(value);
  return json;
}

}  // namespace

TEST_CASE("a scenario without a cluster has none") {
  CHECK_FALSE(parse_scenario(minimal_scenario(), "t.json").cluster.has_value());
}

TEST_CASE("the cluster section reads every field") {
  const Scenario scenario = parse_scenario(with_cluster(kCluster), "t.json");
  REQUIRE(scenario.cluster.has_value());
  const Cluster& cluster = *scenario.cluster;
  CHECK(cluster.servers == 4);
  CHECK(cluster.balancer.policy == BalancerPolicy::round_robin);
  CHECK(cluster.balancer.sticky == Stickiness::none);
  CHECK(cluster.balancer.idle_timeout == 60s);
  CHECK(cluster.balancer.max_connection_age == 0s);
  CHECK(cluster.server.model == ServerModelKind::event_loop);
  CHECK(cluster.server.threads == 200);
  CHECK(cluster.server.accept_backlog == 511);
  CHECK(cluster.server.max_connections == 65536);
  CHECK(cluster.server.memory_per_connection_kb == 10);
  CHECK(cluster.server.cpu_us_per_message == 5);
  CHECK(cluster.broker.kind == BrokerKind::redis_pubsub);
  CHECK(cluster.broker.latency == 500us);
  REQUIRE(cluster.failures.size() == 1);
  CHECK(cluster.failures[0] ==
        Failure{.at = 10s, .server = 2, .kind = FailureKind::crash, .restart_after = 5s});
  CHECK(cluster.reconnect.policy == ReconnectPolicy::full_jitter);
  CHECK(cluster.reconnect.base == 1000ms);
  CHECK(cluster.reconnect.cap == 30000ms);
}

TEST_CASE("a cluster needs only its servers; the rest takes the documented defaults") {
  const Scenario scenario = parse_scenario(with_cluster({{"servers", 3}}), "t.json");
  REQUIRE(scenario.cluster.has_value());
  CHECK(*scenario.cluster == Cluster{.servers = 3,
                                     .balancer = {},
                                     .server = {},
                                     .broker = {},
                                     .failures = {},
                                     .reconnect = {}});
  CHECK(scenario.cluster->balancer.idle_timeout == 60s);  // nginx's proxy_read_timeout
  CHECK(scenario.cluster->server.threads == 200);         // Tomcat's maxThreads
  CHECK(scenario.cluster->server.accept_backlog == 511);  // nginx's listen backlog
  CHECK(scenario.cluster->reconnect.cap == 20000ms);      // the AWS SDKs' cap
  CHECK(error_of(with_cluster(Json::object())) ==
        "t.json: /cluster: missing field \"servers\" (expected in every cluster)");
}

TEST_CASE("a scenario with a cluster is written back and read back unchanged") {
  Json json = with_cluster(kCluster);
  json["cluster"]["failures"].push_back({{"at_s", 30}, {"server", 1}, {"kind", "partition"}});
  json["cluster"]["balancer"]["sticky"] = "cookie";
  json["cluster"]["broker"]["kind"] = "none";
  json["traffic"].push_back({{"direction", "server-to-client"},
                             {"pattern", "periodic"},
                             {"interval_s", 1},
                             {"payload_bytes", 20},
                             {"audience", "room"},
                             {"room_size", 50}});
  const Scenario scenario = parse_scenario(json, "t.json");
  const Json saved = to_json(scenario);
  CHECK(saved["cluster"]["balancer"]["sticky"] == "cookie");
  CHECK(saved["cluster"]["failures"][1] ==
        Json({{"at_s", 30}, {"server", 1}, {"kind", "partition"}}));
  CHECK(saved["traffic"][0]["audience"] == "room");
  CHECK(parse_scenario(saved, "saved.json") == scenario);
  CHECK_FALSE(to_json(parse_scenario(minimal_scenario(), "t.json")).contains("cluster"));
}

TEST_CASE("a setting adds the cluster to a scenario that has none") {
  const Scenario scenario = parse_scenario(minimal_scenario(), "t.json");
  const Scenario four = apply_settings(scenario, {{"cluster.servers", 4}}, "--set");
  REQUIRE(four.cluster.has_value());
  CHECK(four.cluster->servers == 4);
  CHECK(four.cluster->broker.kind == BrokerKind::redis_pubsub);
  const Scenario jittered =
      apply_settings(scenario, {{"cluster.reconnect.policy", "immediate"}}, "--set");
  CHECK(jittered.cluster->servers == 1);
  CHECK(jittered.cluster->reconnect.policy == ReconnectPolicy::immediate);
}

TEST_CASE("traffic audiences: one by default, all, and rooms with a size") {
  Json json = with_source(minimal_scenario(), {{"direction", "server-to-client"},
                                               {"pattern", "poisson"},
                                               {"rate_per_s", 1},
                                               {"payload_bytes", 8}});
  CHECK(parse_scenario(json, "t.json").traffic[0].audience == Audience::one);
  json["traffic"][0]["audience"] = "all";
  CHECK(parse_scenario(json, "t.json").traffic[0].audience == Audience::all);
  json["traffic"][0]["audience"] = "room";
  CHECK(error_of(json) ==
        "t.json: /traffic/0: missing field \"room_size\" (expected with \"audience\": \"room\")");
  json["traffic"][0]["room_size"] = 25;
  CHECK(parse_scenario(json, "t.json").traffic[0].room_size == 25);
  json["traffic"][0]["audience"] = "all";
  CHECK(error_of(json) ==
        "t.json: /traffic/0/room_size: field used only with \"audience\": \"room\"");
  json["traffic"][0].erase("room_size");
  json["traffic"][0]["audience"] = "everyone";
  CHECK(error_of(json) ==
        "t.json: /traffic/0/audience: \"everyone\" is not an audience "
        "(expected one of one, all, room)");
  json["traffic"][0]["audience"] = "all";
  json["traffic"][0]["direction"] = "client-to-server";
  CHECK(error_of(json) ==
        "t.json: /traffic/0/audience: \"all\" for a client-to-server source (expected \"one\": a "
        "client's message goes to its server; an audience is for server-to-client messages)");
}

TEST_CASE("cluster errors name the field and the fix") {
  CHECK(error_of(with_cluster(set(kCluster, "/failures/0/server", 5))) ==
        "t.json: /cluster/failures/0/server: 5 is out of range (expected a server from 1 to 4, "
        "as cluster.servers is 4)");
  CHECK(error_of(with_cluster(set(kCluster, "/failures/0/server", 0))) ==
        "t.json: /cluster/failures/0/server: 0 is out of range (expected a server from 1 to 4, "
        "as cluster.servers is 4)");
  CHECK(error_of(with_cluster(set(kCluster, "/failures/0/at_s", 75))) ==
        "t.json: /cluster/failures/0/at_s: 75 is out of range (expected a time before the "
        "scenario's end at duration_s 60 s)");
  CHECK(error_of(with_cluster(set(kCluster, "/balancer/policy", "ip-hash"))) == "no error");
  CHECK(error_of(with_cluster(
            set(set(kCluster, "/balancer/policy", "ip-hash"), "/balancer/sticky", "cookie"))) ==
        "t.json: /cluster/balancer/sticky: \"cookie\" with policy \"ip-hash\": the hash already "
        "sends each client to one server, so a cookie would pin it a second way (expected "
        "sticky \"none\" with ip-hash, or a policy such as \"round-robin\" with the cookie)");
  CHECK(error_of(with_cluster(set(kCluster, "/balancer/policy", "round-robbin"))) ==
        "t.json: /cluster/balancer/policy: \"round-robbin\" is not a balancing policy (expected "
        "one of round-robin, least-connections, random, ip-hash)");
  CHECK(error_of(with_cluster(set(kCluster, "/server/model", "threads"))) ==
        "t.json: /cluster/server/model: \"threads\" is not a server model (expected one of "
        "event-loop, thread-per-request)");
  CHECK(error_of(with_cluster(set(kCluster, "/reconnect/cap_ms", 500))) ==
        "t.json: /cluster/reconnect/cap_ms: the longest delay 0.5 s is shorter than the base 1 s "
        "(expected cap_ms at least base_ms)");
  CHECK(error_of(with_cluster(set(kCluster, "/servers", 0))) ==
        "t.json: /cluster/servers: 0 is out of range (expected an integer from 1 to 1024)");
  CHECK(error_of(with_cluster(set(kCluster, "/server/threads", 0))) ==
        "t.json: /cluster/server/threads: 0 is out of range (expected an integer from 1 to "
        "100000)");
  CHECK(error_of(
            set(with_cluster(set(kCluster, "/balancer/sticky", "cookie")), "/network/tls", true)) ==
        "t.json: /cluster/balancer/sticky: \"cookie\" with network.tls: the balancer passes TLS "
        "through unread, so it can neither set nor read a cookie (expected sticky \"ip-hash\" "
        "or \"none\" with TLS)");
  CHECK(error_of(with_cluster(set(kCluster, "/broker/kind", "kafka"))) ==
        "t.json: /cluster/broker/kind: \"kafka\" is not a broker (expected one of none, "
        "redis-pubsub, redis-streams)");
  CHECK(error_of(with_cluster(set(kCluster, "/server/threds", 10)))
            .starts_with(
                "t.json: /cluster/server/threds: unknown field (expected one of model, threads,"));
}

TEST_CASE("a server fails again only once it is back") {
  Json cluster = kCluster;
  cluster["failures"].push_back({{"at_s", 12}, {"server", 2}, {"kind", "drain"}});
  CHECK(error_of(with_cluster(cluster)) ==
        "t.json: /cluster/failures/1/at_s: server 2 is still down at 12 s from failures/0 at "
        "10 s (it restarts at 15 s) (expected each failure of a server after it is back)");
  cluster["failures"][1]["at_s"] = 15;
  CHECK(error_of(with_cluster(cluster)) == "no error");
  cluster["failures"][1]["server"] = 3;
  cluster["failures"][1]["at_s"] = 11;
  CHECK(error_of(with_cluster(cluster)) == "no error");
}
