#include "sim/trace/trace_sink.hpp"

#include <doctest/doctest.h>

#include <chrono>

#include "sim/trace/metrics.hpp"

using namespace pushlab::sim;
using namespace std::chrono_literals;

namespace {

WireFrame frame_between(EndpointId from, EndpointId to, Nanoseconds sent, std::size_t size) {
  return {.from = from,
          .to = to,
          .sent_at = sent,
          .received_at = sent + 1ms,
          .layer = Layer::http,
          .kind = "request",
          .bytes = pushlab::sim::wire::Bytes(size, 'x')};
}

// Feeds both sinks the same records, as a run would.
void feed(TraceSink& sink) {
  sink.add_endpoint({EndpointRole::client, "client 1"});
  sink.add_endpoint({EndpointRole::proxy, "proxy"});
  sink.add_endpoint({EndpointRole::server, "server"});
  // Frames become final out of send order: the second one sent arrives first.
  sink.add_frame(1, frame_between(1, 2, 2ms, 100));  // proxy -> server hop
  sink.add_frame(0, frame_between(0, 1, 1ms, 100));  // client -> proxy hop
  sink.add_message(1, {.payload_bytes = 7, .created_at = 0ms, .delivered_at = 3ms});
  sink.add_message(0, {.payload_bytes = 5, .created_at = 0ms});
  sink.add_connection(1, {.from = 1, .to = 2, .opened_at = 0ms, .closed_at = 5ms});
  sink.add_connection(0, {.from = 0, .to = 1, .opened_at = 0ms});
}

}  // namespace

TEST_CASE("the recorder lists frames in send order and records by id") {
  TraceRecorder recorder(Transport::short_poll);
  feed(recorder);
  const Lane lane = std::move(recorder).finish();
  CHECK(lane.transport == Transport::short_poll);
  REQUIRE(lane.frames.size() == 2);
  CHECK(lane.frames[0].sent_at == 1ms);
  CHECK(lane.frames[1].sent_at == 2ms);
  REQUIRE(lane.messages.size() == 2);
  CHECK(lane.messages[0].payload_bytes == 5);
  CHECK(lane.messages[1].payload_bytes == 7);
  REQUIRE(lane.connections.size() == 2);
  CHECK(lane.connections[0].from == 0);
  CHECK(lane.connections[1].closed_at == 5ms);
}

TEST_CASE("metrics gathered as records arrive equal metrics computed from the recorded lane") {
  TraceRecorder recorder(Transport::short_poll);
  MetricsAccumulator accumulator(Transport::short_poll);
  feed(recorder);
  feed(accumulator);
  const LaneMetrics live = accumulator.result();
  CHECK(live == compute_metrics(std::move(recorder).finish()));
  // Only the client's hop counts: one request of 100 bytes, not the proxy's copy of it.
  CHECK(live.bytes.app == 100);
  CHECK(live.http_requests == 1);
  CHECK(live.delivered == 1);
  CHECK(live.lost == 1);
  CHECK(live.connections_opened == 1);       // the client's; the proxy opened the other
  CHECK(live.peak_server_connections == 1);  // only the proxy-server connection ends at a server
}
