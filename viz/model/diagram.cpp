#include "viz/model/diagram.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace pushlab::viz {

namespace {

using sim::Lane;
using sim::WireFrame;

Nanoseconds flight(const WireFrame& frame) {
  return frame.received_at.value_or(frame.sent_at) - frame.sent_at;
}

// Pairs each request that reached the server with the server's next HTTP frame on the same
// connection; a pair with a long enough wait between them is a hold.
std::vector<Hold> find_holds(const Lane& lane) {
  std::vector<Hold> holds;
  std::map<sim::ConnectionId, std::uint32_t> waiting;  // connection -> request frame
  for (std::uint32_t i = 0; i < lane.frames.size(); ++i) {
    const WireFrame& frame = lane.frames[i];
    if (frame.layer != sim::Layer::http) continue;
    const bool to_server = lane.endpoints[frame.to].role == sim::EndpointRole::server;
    const bool from_server = lane.endpoints[frame.from].role == sim::EndpointRole::server;
    if (to_server && frame.kind == "request" && frame.received_at) {
      waiting[frame.connection] = i;
    } else if (from_server) {
      const auto request = waiting.find(frame.connection);
      if (request == waiting.end()) continue;
      const Nanoseconds arrived = *lane.frames[request->second].received_at;
      if (frame.sent_at - arrived >= kShortestHold) {
        holds.push_back(
            {.request = request->second, .response = i, .span = {arrived, frame.sent_at}});
      }
      waiting.erase(request);
    }
  }
  return holds;
}

LaneDiagram lay_out_lane(const Lane& lane) {
  LaneDiagram diagram;
  std::vector<Nanoseconds> flights;
  for (const WireFrame& frame : lane.frames) {
    diagram.labels.push_back(frame_label(frame));
    diagram.colours.push_back(frame_colour(frame));
    if (frame.lost()) continue;
    flights.push_back(flight(frame));
    diagram.longest_flight = std::max(diagram.longest_flight, flights.back());
  }
  if (!flights.empty()) {
    const auto middle = flights.begin() + static_cast<std::ptrdiff_t>(flights.size() / 2);
    std::nth_element(flights.begin(), middle, flights.end());
    diagram.typical_flight = *middle;
  }
  diagram.holds = find_holds(lane);
  return diagram;
}

}  // namespace

Nanoseconds arrow_end_time(const WireFrame& frame, const LaneDiagram& lane) {
  return frame.received_at.value_or(frame.sent_at + lane.typical_flight / 2);
}

Diagram build_diagram(const sim::Trace& trace) {
  Diagram diagram;
  for (const Lane& lane : trace.lanes) {
    diagram.lanes.push_back(lay_out_lane(lane));
    for (const WireFrame& frame : lane.frames) {
      const Nanoseconds end = arrow_end_time(frame, diagram.lanes.back());
      diagram.busy.push_back({frame.sent_at, end});
      diagram.moments.push_back(frame.sent_at);
      diagram.moments.push_back(end);
    }
  }
  std::sort(diagram.moments.begin(), diagram.moments.end());
  diagram.moments.erase(std::unique(diagram.moments.begin(), diagram.moments.end()),
                        diagram.moments.end());
  return diagram;
}

Nanoseconds next_moment(const Diagram& diagram, Nanoseconds time) {
  const auto& moments = diagram.moments;
  const auto next = std::upper_bound(moments.begin(), moments.end(), time);
  if (next != moments.end()) return *next;
  return moments.empty() ? time : std::max(time, moments.back());
}

Nanoseconds previous_moment(const Diagram& diagram, Nanoseconds time) {
  const auto& moments = diagram.moments;
  const auto at_or_after = std::lower_bound(moments.begin(), moments.end(), time);
  if (at_or_after == moments.begin()) return Nanoseconds{0};
  return *std::prev(at_or_after);
}

}  // namespace pushlab::viz
