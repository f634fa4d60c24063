#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario/load.hpp"
#include "sim/scenario/save.hpp"
#include "tests/sim/scenario/scenario_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;
using namespace std::chrono_literals;

namespace {

Scenario round_trip(const Scenario& scenario) {
  return parse_scenario_text(to_json_text(scenario), "saved.json");
}

// Every field away from its default, and times that are not whole milliseconds.
Scenario everything_set() {
  Scenario scenario;
  scenario.name = "everything-set";
  scenario.title = "Every field \"set\"";
  scenario.description = "Line one.\nLine two, with unicode: \xc3\xa9\xe2\x86\x92";
  scenario.duration = Nanoseconds{86'399'999'999'999};
  scenario.seed = 18446744073709551615u;
  scenario.lanes = {Transport::sse, Transport::short_poll, {"sse-two", Transport::sse}};
  scenario.clients = 1'000'000;
  scenario.network = {.latency = Nanoseconds{33'333'333},
                      .jitter = Nanoseconds{1},
                      .loss = 0.015625,
                      .bandwidth_kbps = 56.6,
                      .tls = true,
                      .client_proxy_latency = Nanoseconds{123'456},
                      .proxy_server_latency = Nanoseconds{0}};
  scenario.proxy = {.enabled = true,
                    .strip_upgrade = true,
                    .idle_timeout = 60s,
                    .max_request_time = Nanoseconds{29'999'999'999},
                    .buffer_bytes = 4096};
  scenario.http.request_headers = {{"X-Zeta", "z"}, {"Accept", "*/*"}};
  scenario.http.response_headers = {{"Server", "PushLab"}};
  scenario.short_poll.interval = 250ms;
  scenario.long_poll.timeout = Nanoseconds{12'345'678'901};
  scenario.websocket.ping_interval = 25s;
  scenario.sse.retry = Nanoseconds{1};
  scenario.sse.tabs = 7;
  scenario.traffic = {
      {Direction::client_to_server, Poisson{123.456}, 0},
      {Direction::server_to_client, Periodic{Nanoseconds{10'000}, Nanoseconds{0}}, 16777216},
      {Direction::server_to_client, At{{Nanoseconds{86'399'999'999'999}, Nanoseconds{1}, 0ns}}, 7},
  };
  return scenario;
}

}  // namespace

TEST_CASE("saving and loading gives back the same scenario") {
  const Scenario minimal = parse_scenario(minimal_scenario(), "t.json");
  CHECK(round_trip(minimal) == minimal);

  const Scenario chat =
      load_scenario_file(std::filesystem::path(PUSHLAB_SCENARIOS_DIR) / "chat.json");
  CHECK(round_trip(chat) == chat);

  const Scenario everything = everything_set();
  CHECK(round_trip(everything) == everything);
  CHECK(round_trip(everything) != minimal);
}

TEST_CASE("any whole number of nanoseconds survives the trip through seconds") {
  Scenario scenario = parse_scenario(minimal_scenario(), "t.json");
  scenario.duration = Nanoseconds{86'400'000'000'000};
  At at;
  // Spread over the whole day, with awkward last digits.
  for (std::int64_t ns = 1; ns < 86'400'000'000'000; ns = ns * 7 + 3) at.times.emplace_back(ns);
  scenario.traffic = {{Direction::server_to_client, at, 1}};
  CHECK(round_trip(scenario) == scenario);
}

TEST_CASE("a saved scenario lists every field in order, whole numbers without a fraction") {
  const Scenario chat =
      load_scenario_file(std::filesystem::path(PUSHLAB_SCENARIOS_DIR) / "chat.json");
  const auto json = to_json(chat);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"name", "title", "description", "duration_s", "seed",
                                         "transports", "clients", "network", "proxy", "http",
                                         "short_poll", "long_poll", "websocket", "sse", "engine_io",
                                         "traffic"});
  CHECK(json["network"].dump() ==
        R"({"latency_ms":50,"jitter_ms":0,"loss":0,"bandwidth_kbps":0,"tls":false})");
  CHECK(json["traffic"][1].dump() ==
        R"({"direction":"client-to-server","pattern":"periodic","interval_s":6,"start_s":6,)"
        R"("payload_bytes":32})");
  CHECK(json["traffic"][2]["times_s"].dump() == "[1,1.2]");

  const std::string text = to_json_text(chat);
  CHECK(text.find("\n  \"duration_s\": 120,\n") != std::string::npos);
  CHECK(text.back() == '\n');
}

TEST_CASE("the hop overrides are written only when set") {
  Scenario scenario = parse_scenario(minimal_scenario(), "t.json");
  CHECK_FALSE(to_json(scenario)["network"].contains("client_proxy_latency_ms"));
  scenario.network.client_proxy_latency = 1500us;
  const auto network = to_json(scenario)["network"];
  CHECK(network["client_proxy_latency_ms"].dump() == "1.5");
  CHECK_FALSE(network.contains("proxy_server_latency_ms"));
}

TEST_CASE("a scenario saved to a file loads back the same") {
  const auto directory = std::filesystem::temp_directory_path() / "pushlab_scenario_save_test";
  std::filesystem::create_directories(directory);
  const auto path = directory / "everything-set.json";
  save_scenario_file(everything_set(), path);
  CHECK(load_scenario_file(path) == everything_set());
  CHECK_FALSE(std::filesystem::exists(directory / "everything-set.json.saving"));

  const auto unwritable = directory / "no-such-directory" / "x.json";
  CHECK_THROWS_WITH_AS(save_scenario_file(everything_set(), unwritable),
                       (unwritable.string() + ": cannot write the file").c_str(), ScenarioError);
  std::filesystem::remove_all(directory);
}
