#include <doctest/doctest.h>

#include <filesystem>
#include <variant>

#include "sim/scenario/load.hpp"
#include "tests/sim/scenario/scenario_test_support.hpp"
#include "tests/support/browser_headers.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;
using namespace std::chrono_literals;

namespace {

const std::filesystem::path kChatPath = std::filesystem::path(PUSHLAB_SCENARIOS_DIR) / "chat.json";

}  // namespace

TEST_CASE("the shipped chat scenario loads with the values in its file") {
  const Scenario chat = load_scenario_file(kChatPath);
  CHECK(chat.name == "chat");
  CHECK_FALSE(chat.title.empty());
  CHECK_FALSE(chat.description.empty());
  CHECK(chat.duration == Nanoseconds{120'000'000'000});
  CHECK(chat.seed == 7);
  CHECK(transports_of(chat.lanes) == std::vector{Transport::short_poll, Transport::long_poll,
                                                 Transport::websocket, Transport::sse});
  CHECK(chat.clients == 1);
  CHECK(chat.network.latency == Nanoseconds{50'000'000});
  CHECK(chat.network.tls == false);
  CHECK(chat.proxy.enabled == false);
  REQUIRE(chat.http.request_headers.size() == 2);
  CHECK(chat.http.request_headers[0].name == "User-Agent");
  CHECK(chat.http.request_headers[1].name == "Cookie");
  CHECK(chat.short_poll.interval == Nanoseconds{1'000'000'000});
  CHECK(chat.long_poll.timeout == Nanoseconds{30'000'000'000});
  CHECK(chat.websocket.ping_interval == Nanoseconds{0});
  CHECK(chat.sse.retry == Nanoseconds{3'000'000'000});

  REQUIRE(chat.traffic.size() == 3);
  CHECK(chat.traffic[0] ==
        TrafficSource{Direction::server_to_client, Poisson{0.5}, 64, Audience::one, 0});
  CHECK(chat.traffic[1] ==
        TrafficSource{Direction::client_to_server,
                      Periodic{Nanoseconds{6'000'000'000}, Nanoseconds{6'000'000'000}}, 32,
                      Audience::one, 0});
  CHECK(chat.traffic[2] ==
        TrafficSource{Direction::server_to_client,
                      At{{Nanoseconds{1'000'000'000}, Nanoseconds{1'200'000'000}}}, 20,
                      Audience::one, 0});
}

TEST_CASE("missing optional fields take the documented defaults") {
  const Scenario scenario = parse_scenario(minimal_scenario(), "t.json");
  CHECK(scenario.title.empty());
  CHECK(scenario.description.empty());
  CHECK(scenario.seed == 0);
  CHECK(scenario.clients == 1);
  CHECK(scenario.network.latency == 50ms);
  CHECK(scenario.network.jitter == 0ms);
  CHECK(scenario.network.loss == 0.0);
  CHECK(scenario.network.bandwidth_kbps == 0.0);
  CHECK_FALSE(scenario.network.tls);
  CHECK_FALSE(scenario.network.client_proxy_latency.has_value());
  CHECK_FALSE(scenario.network.proxy_server_latency.has_value());
  CHECK(scenario.proxy == Proxy{});
  CHECK_FALSE(scenario.proxy.enabled);
  CHECK_FALSE(scenario.proxy.strip_upgrade);
  CHECK(scenario.proxy.idle_timeout == 0s);
  CHECK(scenario.proxy.max_request_time == 0s);
  CHECK(scenario.proxy.buffer_bytes == 0);
  CHECK(scenario.http.request_headers.empty());
  CHECK(scenario.http.response_headers.empty());
  CHECK(scenario.short_poll.interval == 1s);
  CHECK(scenario.long_poll.timeout == 30s);
  CHECK(scenario.websocket.ping_interval == 0s);
  CHECK(scenario.sse.retry == 3000ms);
  CHECK(scenario.traffic.empty());
}

TEST_CASE("an empty section keeps its defaults") {
  Json json = minimal_scenario();
  json["network"] = Json::object();
  json["sse"] = Json::object();
  const Scenario scenario = parse_scenario(json, "t.json");
  CHECK(scenario.network == Network{});
  CHECK(scenario.sse == SseOptions{});
}

TEST_CASE("seconds and milliseconds become the nearest whole nanosecond") {
  Json json = minimal_scenario();
  json["duration_s"] = 0.1;
  json["network"] = {{"latency_ms", 0.0005}, {"jitter_ms", 1.2}};
  json["sse"] = {{"retry_ms", 0.0000016}};
  json["traffic"] = {{{"direction", "server-to-client"},
                      {"pattern", "at"},
                      {"times_s", {0.1, 0.0000000016, 0.0000000004, 0.07}},
                      {"payload_bytes", 1}}};
  const Scenario scenario = parse_scenario(json, "t.json");
  CHECK(scenario.duration.count() == 100'000'000);
  CHECK(scenario.network.latency.count() == 500);
  CHECK(scenario.network.jitter.count() == 1'200'000);
  CHECK(scenario.sse.retry.count() == 2);
  const auto& times = std::get<At>(scenario.traffic[0].pattern).times;
  CHECK(times == std::vector{Nanoseconds{100'000'000}, Nanoseconds{2}, Nanoseconds{0},
                             Nanoseconds{70'000'000}});
}

TEST_CASE("a periodic source starts one interval in unless start_s says otherwise") {
  const Json source = {{"direction", "client-to-server"},
                       {"pattern", "periodic"},
                       {"interval_s", 2.5},
                       {"payload_bytes", 8}};
  Json with_start = source;
  with_start["start_s"] = 0;
  const Scenario scenario =
      parse_scenario(with_source(with_source(minimal_scenario(), source), with_start), "t.json");
  CHECK(std::get<Periodic>(scenario.traffic[0].pattern) == Periodic{2500ms, 2500ms});
  CHECK(std::get<Periodic>(scenario.traffic[1].pattern) == Periodic{2500ms, 0ms});
}

TEST_CASE("each proxy hop gets half the latency unless overridden") {
  Json json = minimal_scenario();
  json["network"] = {{"latency_ms", 0.000001}};  // 1 ns: the odd nanosecond must not vanish
  Scenario scenario = parse_scenario(json, "t.json");
  CHECK(client_proxy_hop_latency(scenario.network) == Nanoseconds{0});
  CHECK(proxy_server_hop_latency(scenario.network) == Nanoseconds{1});

  json["network"] = {{"latency_ms", 50}, {"client_proxy_latency_ms", 5}};
  scenario = parse_scenario(json, "t.json");
  CHECK(client_proxy_hop_latency(scenario.network) == 5ms);
  CHECK(proxy_server_hop_latency(scenario.network) == 25ms);

  json["network"]["proxy_server_latency_ms"] = 80;
  scenario = parse_scenario(json, "t.json");
  CHECK(proxy_server_hop_latency(scenario.network) == 80ms);
}

TEST_CASE("a lane is its transport's name, or an object with an id of its own") {
  Json json = minimal_scenario();
  json["transports"] = Json::array({"websocket",
                                    {{"id", "websocket-blocked"}, {"transport", "websocket"}},
                                    {{"transport", "sse"}}});
  const Scenario scenario = parse_scenario(json, "t.json");
  CHECK(scenario.lanes == std::vector<LaneSpec>{LaneSpec(Transport::websocket),
                                                LaneSpec("websocket-blocked", Transport::websocket),
                                                LaneSpec("sse", Transport::sse)});
}

TEST_CASE("extra header fields keep the order of the file, not alphabetical order") {
  const Scenario scenario = parse_scenario_text(R"json({
    "name": "t", "duration_s": 1, "transports": ["sse"], "traffic": [],
    "http": { "request_headers": { "X-Zeta": "1", "Accept-Language": "en", "X-Alpha": "" },
              "response_headers": { "Server": "PushLab/0.1 (teaching)" } } })json",
                                                "t.json");
  REQUIRE(scenario.http.request_headers.size() == 3);
  CHECK(scenario.http.request_headers[0] == HeaderField{"X-Zeta", "1"});
  CHECK(scenario.http.request_headers[1] == HeaderField{"Accept-Language", "en"});
  CHECK(scenario.http.request_headers[2] == HeaderField{"X-Alpha", ""});
  CHECK(scenario.http.response_headers ==
        std::vector{HeaderField{"Server", "PushLab/0.1 (teaching)"}});
}

TEST_CASE("integer fields accept whole numbers written with a fraction or exponent") {
  Json json = minimal_scenario();
  json["seed"] = 7.0;
  json["clients"] = 1e3;
  const Scenario scenario = parse_scenario(json, "t.json");
  CHECK(scenario.seed == 7);
  CHECK(scenario.clients == 1000);
}

TEST_CASE("a seed takes the whole 64-bit range") {
  const Scenario scenario =
      parse_scenario_text(R"({"name": "t", "duration_s": 1, "transports": ["sse"], "traffic": [],
                              "seed": 18446744073709551615})",
                          "t.json");
  CHECK(scenario.seed == 18446744073709551615u);
}

TEST_CASE("the edges of each range are accepted") {
  Json json = minimal_scenario();
  json["duration_s"] = 86400;
  json["clients"] = 1000000;
  json["network"] = {{"latency_ms", 60000}, {"jitter_ms", 0}, {"loss", 0.999999}};
  json["proxy"] = {{"buffer_bytes", 16777216}};
  json["websocket"] = {{"ping_interval_s", 0.001}};
  json["sse"] = {{"retry_ms", 3600000}, {"tabs", 64}};
  json["traffic"] = {{{"direction", "server-to-client"},
                      {"pattern", "at"},
                      {"times_s", {0, 86400}},
                      {"payload_bytes", 16777216}}};
  CHECK(error_of(json) == "no error");
}

TEST_CASE("request header sets copied from Chrome, Firefox and the 2010 Firefox 3.5 load") {
  for (const auto& headers :
       {pushlab::testing::chrome_poll_headers(), pushlab::testing::firefox_poll_headers(),
        pushlab::testing::firefox_2010_poll_headers()}) {
    Json json = minimal_scenario();
    json["transports"] = Json::array({"short-poll", "long-poll", "websocket", "sse"});
    for (const auto& [name, value] : headers) json["http"]["request_headers"][name] = value;
    const Scenario scenario = parse_scenario(json, "t.json");
    REQUIRE(scenario.http.request_headers.size() == headers.size());
    for (std::size_t i = 0; i < headers.size(); ++i) {
      CHECK(scenario.http.request_headers[i].name == headers[i].first);
      CHECK(scenario.http.request_headers[i].value == headers[i].second);
    }
    CHECK(scenario.http.host() == "localhost:8080");
  }
  CHECK(parse_scenario(minimal_scenario(), "t.json").http.host() == kDefaultHost);
}
