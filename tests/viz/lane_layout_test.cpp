#include "viz/model/lane_layout.hpp"

#include <doctest/doctest.h>

namespace pushlab::viz {

namespace {

sim::Lane lane_with(std::initializer_list<sim::EndpointRole> roles) {
  sim::Lane lane;
  for (const sim::EndpointRole role : roles) lane.endpoints.push_back({role, "x"});
  return lane;
}

}  // namespace

TEST_CASE("lanes share the width, gaps between them; lifelines in client, proxy, server order") {
  sim::Trace trace;
  trace.lanes = {
      lane_with({sim::EndpointRole::client, sim::EndpointRole::server}),
      lane_with({sim::EndpointRole::client, sim::EndpointRole::proxy, sim::EndpointRole::server})};
  const auto lanes = lay_out_lanes(trace, 100, 1010, 10);
  REQUIRE(lanes.size() == 2);
  CHECK(lanes[0].left == 100);
  CHECK(lanes[0].width == 500);
  CHECK(lanes[1].left == 610);
  CHECK_FALSE(lanes[0].has_proxy);
  CHECK(lanes[1].has_proxy);
  for (const LaneGeometry& lane : lanes) {
    CHECK(lane.left < lane.client_x());
    CHECK(lane.client_x() < lane.server_x());
    CHECK(lane.server_x() < lane.left + lane.width);
    CHECK(lane.x_of(sim::EndpointRole::client) == lane.client_x());
  }
  CHECK(lanes[1].client_x() < lanes[1].proxy_x());
  CHECK(lanes[1].proxy_x() < lanes[1].server_x());
}

TEST_CASE("no lanes, no layout; too little width, no negative lanes") {
  sim::Trace trace;
  CHECK(lay_out_lanes(trace, 0, 500, 10).empty());
  trace.lanes = {lane_with({sim::EndpointRole::client}), lane_with({sim::EndpointRole::client})};
  for (const LaneGeometry& lane : lay_out_lanes(trace, 0, 5, 10)) CHECK(lane.width == 0);
}

}  // namespace pushlab::viz
