// The parameters panel's controls offer what the loader accepts: a value a file may hold is
// never clamped once its control is touched.

#include "viz/model/control_limits.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <string>

#include "tests/sim/scenario/scenario_test_support.hpp"

using namespace pushlab;
using namespace pushlab::viz;

namespace {

// Whether the loader takes `value` for the field.
bool loads(std::string_view section, std::string_view key, double value) {
  sim::testing::Json scenario = sim::testing::minimal_scenario();
  scenario[std::string(section)][std::string(key)] = value;
  return sim::testing::error_of(scenario) == "no error";
}

template <typename Section, std::size_t N>
void check_controls(std::string_view section, const std::array<sim::Field<Section>, N>& table) {
  for (const sim::Field<Section>& field : table) {
    if (field.info.unit == sim::FieldUnit::none) continue;
    CAPTURE(field.info.key);
    const ControlLimits limits = control_limits(field.info);
    CHECK(loads(section, field.info.key, limits.low));
    CHECK(loads(section, field.info.key, limits.high));
    // And nothing the loader takes is out of the control's reach.
    CHECK_FALSE(loads(section, field.info.key, std::nextafter(limits.high, 2 * limits.high + 1)));
  }
}

}  // namespace

TEST_CASE("control limits: every field's control reaches both ends of what the loader accepts") {
  check_controls("network", sim::kNetworkFields);
  check_controls("proxy", sim::kProxyFields);
  check_controls("short_poll", sim::kShortPollFields);
  check_controls("long_poll", sim::kLongPollFields);
  check_controls("websocket", sim::kWebSocketFields);
  check_controls("sse", sim::kSseFields);
}

TEST_CASE("control limits: a 5 s latency is within the latency control, dragged logarithmically") {
  const ControlLimits latency = control_limits(sim::kNetworkFields[0].info);
  REQUIRE(sim::kNetworkFields[0].info.key == "latency_ms");
  CHECK(latency.low == 0);
  CHECK(latency.high >= 5000);
  CHECK(latency.logarithmic);
  // A probability drags linearly and stops short of 1, which the loader refuses.
  const ControlLimits loss = control_limits(sim::kNetworkFields[2].info);
  CHECK_FALSE(loss.logarithmic);
  CHECK(loss.high < 1);
  CHECK(loss.high > 0.999);
  // A ping interval of 0 means no pings: the control offers it, below the timers' millisecond.
  CHECK(control_limits(sim::kWebSocketFields[0].info).low == 0);
  CHECK(control_limits(sim::kShortPollFields[0].info).low == doctest::Approx(0.001));
}
