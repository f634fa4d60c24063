#include "viz/model/lane_layout.hpp"

#include <doctest/doctest.h>

namespace pushlab::viz {

namespace {

using Role = sim::EndpointRole;

sim::Lane lane_with(std::initializer_list<std::pair<Role, const char*>> endpoints) {
  sim::Lane lane;
  for (const auto& [role, name] : endpoints) lane.endpoints.push_back({role, name});
  return lane;
}

std::vector<std::string> names_of(const LaneLayout& layout) {
  std::vector<std::string> names;
  for (const Lifeline& lifeline : layout.lifelines) names.push_back(lifeline.name);
  return names;
}

}  // namespace

TEST_CASE("lanes share the width, gaps between them; lifelines in client, proxy, server order") {
  sim::Trace trace;
  trace.lanes = {
      lane_with({{Role::server, "server"}, {Role::client, "client 1"}}),
      lane_with({{Role::client, "client 1"}, {Role::server, "server"}, {Role::proxy, "proxy"}})};
  const auto lanes = lay_out_lanes(trace, 100, 1010, 10);
  REQUIRE(lanes.size() == 2);
  CHECK(lanes[0].left == 100);
  CHECK(lanes[0].width == 500);
  CHECK(lanes[1].left == 610);
  CHECK(names_of(lanes[0]) == std::vector<std::string>{"Client", "Server"});
  CHECK(names_of(lanes[1]) == std::vector<std::string>{"Client", "Proxy", "Server"});
  // Endpoint 0 of the first lane is its server: on the right, whatever the endpoints' order.
  CHECK(lanes[0].x_of(0) == lanes[0].lifelines[1].x);
  CHECK(lanes[1].x_of(2) == lanes[1].lifelines[1].x);
  for (const LaneLayout& lane : lanes) {
    CHECK(lane.left < lane.lifelines.front().x);
    CHECK(lane.lifelines.back().x < lane.left + lane.width);
    for (std::size_t i = 1; i < lane.lifelines.size(); ++i) {
      CHECK(lane.lifelines[i - 1].x < lane.lifelines[i].x);
    }
  }
}

TEST_CASE("a cluster's lane: the clients share a lifeline; balancer, each server, the broker") {
  const sim::Lane lane = lane_with({{Role::client, "client 1"},
                                    {Role::client, "client 2"},
                                    {Role::client, "client 3"},
                                    {Role::broker, "broker"},
                                    {Role::server, "server 1"},
                                    {Role::server, "server 2"},
                                    {Role::load_balancer, "balancer"}});
  const LaneLayout layout = lay_out_lane(lane, 0, 700);
  CHECK(names_of(layout) ==
        std::vector<std::string>{"3 clients", "Balancer", "Server 1", "Server 2", "Broker"});
  CHECK(layout.x_of(0) == layout.x_of(2));  // every client on one lifeline
  CHECK(layout.x_of(4) < layout.x_of(5));
  CHECK(layout.x_of(6) < layout.x_of(4));
  CHECK(layout.x_of(3) == layout.lifelines.back().x);
  // Evenly spread: the same distance between each two.
  const float step = layout.lifelines[1].x - layout.lifelines[0].x;
  CHECK(layout.lifelines[4].x - layout.lifelines[3].x == doctest::Approx(step));
}

TEST_CASE("no lanes, no layout; too little width, no negative lanes") {
  sim::Trace trace;
  CHECK(lay_out_lanes(trace, 0, 500, 10).empty());
  trace.lanes = {lane_with({{Role::client, "c"}}), lane_with({{Role::client, "c"}})};
  for (const LaneLayout& lane : lay_out_lanes(trace, 0, 5, 10)) CHECK(lane.width == 0);
}

}  // namespace pushlab::viz
