// The field tables (sim/scenario/fields.hpp): what the loader reads, the saver writes and the
// error texts describe, each from the one row of its field.

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "sim/scenario/fields.hpp"
#include "sim/scenario/save.hpp"
#include "tests/sim/scenario/scenario_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

Json with_field(std::string_view section, std::string_view key, Json value) {
  Json scenario = minimal_scenario();
  scenario[std::string(section)][std::string(key)] = std::move(value);
  return scenario;
}

// Values of the field the loader must accept: both ends of its range (stepped inside an
// excluded one), and 0 when 0 means something.
std::vector<double> accepted(const FieldInfo& field) {
  const json::NumberRange& range = field.range;
  std::vector<double> values = {
      range.excludes_min ? std::nextafter(range.min, range.max) : range.min,
      range.excludes_max ? std::nextafter(range.max, range.min) : range.max};
  if (!field.zero_means.empty()) values.push_back(0);
  return values;
}

// Values just outside: the excluded ends themselves, or a little beyond the included ones.
std::vector<double> refused(const FieldInfo& field) {
  const json::NumberRange& range = field.range;
  if (field.unit == FieldUnit::count) return {range.max + 1, range.min - 1};
  std::vector<double> values = {range.excludes_max ? range.max : range.max * 2 + 1};
  if (range.excludes_min) {
    values.push_back(range.min);
  } else if (range.min > 0) {
    values.push_back(range.min / 2);
  } else {
    values.push_back(-1);
  }
  return values;
}

template <typename Section, std::size_t N>
void check_table(std::string_view section, const std::array<Field<Section>, N>& table) {
  for (const Field<Section>& field : table) {
    const std::string key(field.info.key);
    CAPTURE(key);
    const std::string path = "/" + std::string(section) + "/" + key;
    if (field.info.unit == FieldUnit::none) {
      const Json saved = to_json(parse_scenario(with_field(section, key, true), "t.json"));
      CHECK(saved[std::string(section)][key] == true);
      CHECK(error_of(with_field(section, key, 1))
                .find(path + ": 1 has the wrong type (expected true or false)") !=
            std::string::npos);
      continue;
    }
    for (const double value : accepted(field.info)) {
      CAPTURE(value);
      const Json saved = to_json(parse_scenario(with_field(section, key, value), "t.json"));
      CHECK(saved[std::string(section)][key].get<double>() == doctest::Approx(value));
    }
    for (const double value : refused(field.info)) {
      CAPTURE(value);
      const std::string error = error_of(with_field(section, key, value));
      CHECK(error.find(path + ": ") != std::string::npos);
      CHECK(error.find("out of range") != std::string::npos);
      CHECK(error.find(std::string(field.info.zero_means)) != std::string::npos);
    }
  }
}

}  // namespace

TEST_CASE("fields: every field loads at the ends of its range, is refused beyond, saves as read") {
  check_table("network", kNetworkFields);
  check_table("proxy", kProxyFields);
  check_table("short_poll", kShortPollFields);
  check_table("long_poll", kLongPollFields);
  check_table("websocket", kWebSocketFields);
  check_table("sse", kSseFields);
}

TEST_CASE("fields: a section is saved with its table's keys, in the table's order") {
  Scenario scenario = parse_scenario(minimal_scenario(), "t.json");
  scenario.network.client_proxy_latency = std::chrono::milliseconds{10};
  scenario.network.proxy_server_latency = std::chrono::milliseconds{20};
  const Json saved = to_json(scenario);
  const auto keys = [&](std::string_view section) {
    std::vector<std::string> found;
    for (const auto& item : saved.at(std::string(section)).items()) found.push_back(item.key());
    return found;
  };
  const auto table_keys = [](const auto& table) {
    std::vector<std::string> found;
    for (const auto& field : table) found.emplace_back(field.info.key);
    return found;
  };
  CHECK(keys("network") == table_keys(kNetworkFields));
  CHECK(keys("proxy") == table_keys(kProxyFields));
  CHECK(keys("sse") == table_keys(kSseFields));
  // Unset, the hops' latencies are left out, as the loader leaves them to the default split.
  scenario.network.client_proxy_latency.reset();
  CHECK(to_json(scenario)["network"].size() == kNetworkFields.size() - 1);
}

TEST_CASE("fields: a duration's key names its unit, and a number's does not claim one") {
  const auto check = [](const FieldInfo& field) {
    CAPTURE(field.key);
    const bool ms = field.key.ends_with("_ms");
    const bool s = !ms && field.key.ends_with("_s");
    CHECK(ms == (field.unit == FieldUnit::milliseconds));
    CHECK(s == (field.unit == FieldUnit::seconds));
    CHECK_FALSE(field.label.empty());
  };
  for (const auto& field : kNetworkFields) check(field.info);
  for (const auto& field : kProxyFields) check(field.info);
  for (const auto& field : kShortPollFields) check(field.info);
  for (const auto& field : kLongPollFields) check(field.info);
  for (const auto& field : kWebSocketFields) check(field.info);
  for (const auto& field : kSseFields) check(field.info);
}
