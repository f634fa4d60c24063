#include "viz/model/frame_ref.hpp"

#include <doctest/doctest.h>

#include "tests/sim/transports/transport_test_support.hpp"
#include "tests/viz/simulated_run.hpp"

namespace pushlab::viz {

using namespace sim::testing;

namespace {

using Run = testing::SimulatedRun;

Run websocket_and_sse() {
  sim::Scenario scenario = basic_scenario(sim::Transport::websocket, 2s);
  scenario.lanes = {sim::Transport::sse, sim::Transport::websocket};
  return testing::simulate_run(scenario);
}

}  // namespace

TEST_CASE("LANE:N names frame N of that lane, and prints back the same") {
  const Run run = websocket_and_sse();
  const FrameLookup found = find_frame(run.trace, run.diagram, "websocket:4");
  REQUIRE(found.ref);
  CHECK(found.ref->lane == 1);
  CHECK(found.ref->frame == 4);
  CHECK(to_string(run.trace, *found.ref) == "websocket:4");
}

TEST_CASE("text finds the first frame, lanes in order, whose label begins with it") {
  const Run run = websocket_and_sse();
  const FrameLookup found = find_frame(run.trace, run.diagram, "101");
  REQUIRE(found.ref);
  CHECK(found.ref->lane == 1);
  CHECK(run.diagram.lanes[1].labels[found.ref->frame] == "101 Switching Protocols");
  // "GET" is in both lanes: the SSE lane comes first.
  CHECK(find_frame(run.trace, run.diagram, "GET").ref.value().lane == 0);
}

TEST_CASE("a name that names nothing says why") {
  const Run run = websocket_and_sse();
  CHECK(find_frame(run.trace, run.diagram, "websocket:9999").error.find("frames 0 to") !=
        std::string::npos);
  CHECK(find_frame(run.trace, run.diagram, "websocket:x").error == "\"x\" is not a frame number");
  CHECK(find_frame(run.trace, run.diagram, "long-poll:1").error == "the run has no long-poll lane");
  CHECK(find_frame(run.trace, run.diagram, "418 I'm").error ==
        "no frame's label begins with \"418 I'm\"");
  CHECK_FALSE(find_frame(run.trace, run.diagram, "").ref);
}

}  // namespace pushlab::viz
