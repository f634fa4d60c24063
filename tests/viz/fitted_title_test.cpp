#include "viz/model/fitted_title.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

namespace pushlab::viz {

namespace {

// Ten pixels a character, as a monospaced font would measure.
float ten_each(std::string_view text) {
  return 10.0f * static_cast<float>(text.size());
}

const std::vector<std::string_view> kLatency{"Latency of each message (ms)", "Latency (ms)"};

}  // namespace

TEST_CASE("a title is the longest wording that fits, from the full one down") {
  CHECK(fitted_title(kLatency, 280, ten_each) == "Latency of each message (ms)");
  CHECK(fitted_title(kLatency, 279, ten_each) == "Latency (ms)");
  CHECK(fitted_title(kLatency, 120, ten_each) == "Latency (ms)");
}

TEST_CASE("when none fits, the shortest is cut with \"...\", within the width") {
  CHECK(fitted_title(kLatency, 119, ten_each) == "Latency...");  // no space before the dots
  CHECK(fitted_title(kLatency, 60, ten_each) == "Lat...");
  CHECK(fitted_title(kLatency, 5, ten_each) == "...");  // at worst the dots alone
  CHECK_THROWS_AS(fitted_title({}, 100, ten_each), std::invalid_argument);
}

}  // namespace pushlab::viz
