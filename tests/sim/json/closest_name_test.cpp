#include "sim/json/closest_name.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string>

using namespace pushlab::sim::json;

TEST_CASE("edit_distance counts inserts, deletes, substitutions and swaps as one edit each") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("latency_ms", "latency_ms") == 0);
  CHECK(edit_distance("latncy_ms", "latency_ms") == 1);
  CHECK(edit_distance("latency_mss", "latency_ms") == 1);
  CHECK(edit_distance("latenzy_ms", "latency_ms") == 1);
  CHECK(edit_distance("tsl", "tls") == 1);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("closest_name suggests only names close enough to be a typo") {
  constexpr std::array<std::string_view, 3> kNames = {"latency_ms", "jitter_ms", "tls"};
  CHECK(closest_name("latncy_ms", kNames) == "latency_ms");
  CHECK(closest_name("LATENCY_MS", kNames) == "latency_ms");  // case is no edit here
  CHECK(closest_name("jiter", kNames) == std::nullopt);
  CHECK(closest_name("tsl", kNames) == "tls");
  CHECK(closest_name("x", kNames) == std::nullopt);
  CHECK(closest_name("latency", kNames) == "latency_ms");  // the unit left out
  CHECK(closest_name("Jitter", kNames) == "jitter_ms");
  CHECK(closest_name(std::string(100000, 'a'), kNames) == std::nullopt);
}
