// Round trips of a small WebSocket message over loopback to the live server (its /echo
// endpoint), with Boost.Beast as the client, directly and through the recording relay (keeping
// its recording, and not): latency (p50, p99) and messages per second on 1 and on 100
// connections, each sending its next message when the last came back, and on one connection
// sending two at once; what the recording holds per message; decoding a recording into a Trace.
//
//   live_echo_bench
//
// The server and the relay share one io_context on their own thread, as in a live run; the
// clients run on the benchmark's.

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

#include "echo_clients.hpp"
#include "echo_target.hpp"
#include "live/recording_trace.hpp"

namespace {

using pushlab::bench::EchoClients;
using pushlab::bench::EchoTarget;
using pushlab::bench::Route;
using pushlab::live::RecordedFlow;
using pushlab::live::RecordedPiece;
using pushlab::live::Recording;
using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p / 100 * static_cast<double>(values.size() - 1))];
}

// Bytes the process has allocated, on every thread (glibc sums its arenas).
double heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<double>(info.uordblks + info.hblkhd);
}

struct RecordedSize {
  double pieces = 0;
  double bytes = 0;  // the pieces themselves and the bytes they hold
};

void add_flow(const RecordedFlow& flow, RecordedSize& size) {
  for (const RecordedPiece& piece : flow.pieces) {
    size.pieces += 1;
    size.bytes += static_cast<double>(sizeof(RecordedPiece) + piece.bytes.size());
  }
}

RecordedSize recorded_size(const Recording& recording) {
  RecordedSize size;
  for (const auto& connection : recording.connections) {
    add_flow(connection.client_hop.up, size);
    add_flow(connection.client_hop.down, size);
    for (const auto& hop : connection.server_hops) {
      add_flow(hop.up, size);
      add_flow(hop.down, size);
    }
  }
  return size;
}

// Each round sends `at_once` messages on every connection, then reads every echo.
void echo_round_trips(benchmark::State& state, Route route) {
  EchoTarget target(route);
  const int connections = static_cast<int>(state.range(0));
  const int at_once = static_cast<int>(state.range(1));
  EchoClients clients(target.port(), connections);
  std::vector<double> round_trips_us;
  round_trips_us.reserve(static_cast<std::size_t>(state.max_iterations));  // not in the heap figure
  std::int64_t messages = 0;
  const double heap_before = heap_in_use();
  for (auto _ : state) {
    const auto start = Clock::now();
    clients.round(at_once);
    round_trips_us.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    messages += connections * at_once;
  }
  const double heap_growth = heap_in_use() - heap_before;
  clients.close();
  target.stop();

  const auto per_message = [messages](double value) {
    return value / static_cast<double>(std::max<std::int64_t>(messages, 1));
  };
  state.counters["round_p50_us"] = percentile(round_trips_us, 50);
  state.counters["round_p99_us"] = percentile(round_trips_us, 99);
  state.counters["messages_per_second"] =
      benchmark::Counter(static_cast<double>(messages), benchmark::Counter::kIsRate);
  state.counters["heap_growth_per_message"] = per_message(heap_growth);
  if (route == Route::relay) {
    const RecordedSize recorded = recorded_size(target.recording());
    state.counters["recorded_pieces_per_message"] = per_message(recorded.pieces);
    state.counters["recorded_bytes_per_message"] = per_message(recorded.bytes);
  }
}

// Two at once: the second echo waits for an ACK of the first wherever a socket on the way
// has Nagle's algorithm on (no TCP_NODELAY), and the receiver delays its ACK (about 40 ms).
void round_trip_args(benchmark::internal::Benchmark* benchmark) {
  benchmark->ArgNames({"connections", "at_once"})->Args({1, 1})->Args({100, 1})->Args({1, 2});
  benchmark->UseRealTime();
}

BENCHMARK_CAPTURE(echo_round_trips, direct, Route::direct)->Apply(round_trip_args);
BENCHMARK_CAPTURE(echo_round_trips, relay, Route::relay)->Apply(round_trip_args);
BENCHMARK_CAPTURE(echo_round_trips, relay_unrecorded, Route::relay_unrecorded)
    ->Apply(round_trip_args);

// What the relay recorded of `rounds` round trips on `connections` connections.
Recording record_round_trips(int connections, int rounds) {
  EchoTarget target(Route::relay);
  EchoClients clients(target.port(), connections);
  for (int i = 0; i < rounds; ++i) clients.round();
  clients.close();
  target.stop();
  return target.recording();
}

// The recording of 1,000 round trips on 10 connections, decoded into a lane of a Trace.
void recording_to_trace(benchmark::State& state) {
  const Recording recording = record_round_trips(10, 1000);
  const pushlab::sim::Scenario scenario = pushlab::bench::echo_scenario();
  const pushlab::live::EndpointLogs no_logs;  // without TLS the recording holds every byte
  std::size_t frames = 0;
  for (auto _ : state) {
    const pushlab::sim::Lane lane = pushlab::live::decode_recording(
        recording, no_logs, scenario, pushlab::sim::Transport::websocket);
    frames = lane.frames.size();
    benchmark::DoNotOptimize(frames);
  }
  state.counters["frames"] = static_cast<double>(frames);
  state.counters["seconds_per_frame"] = benchmark::Counter(
      static_cast<double>(frames),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

BENCHMARK(recording_to_trace)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
