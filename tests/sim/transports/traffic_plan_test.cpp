#include "sim/transports/traffic_plan.hpp"

#include <doctest/doctest.h>

#include "sim/scenario/load.hpp"
#include "sim/transports/message_payload.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

namespace pushlab::sim {

using namespace testing;

TEST_CASE("the plan holds the messages a simulated lane creates, at the same moments") {
  Scenario scenario = load_scenario_file(PUSHLAB_SCENARIOS_DIR "/chat.json");
  scenario.clients = 3;
  scenario.duration = 40s;
  const std::vector<PlannedMessage> plan = plan_traffic(scenario);
  const Lane lane = run_one_lane(scenario);
  REQUIRE(plan.size() == lane.messages.size());
  for (std::size_t id = 0; id < plan.size(); ++id) {
    CAPTURE(id);
    const Message& message = lane.messages[id];
    CHECK(plan[id].at == message.created_at);
    CHECK(plan[id].direction == message.direction);
    CHECK(plan[id].payload_bytes == message.payload_bytes);
    // Endpoint ids of clients follow the client numbers in the same order.
    CHECK(lane.endpoints[message.client].name == "client " + std::to_string(plan[id].client + 1));
  }
}

TEST_CASE("a payload begins with its id and is exactly its size") {
  CHECK(message_payload(12, 10) == "#12 mnopqr");
  CHECK(message_payload(7, 2) == "#7");
  CHECK(message_payload(0, 0).empty());
  CHECK(message_payload(35, 6) == "#35 9a");
}

}  // namespace pushlab::sim
