// Round trips of a small WebSocket message over loopback to the live server (its /echo
// endpoint), with Boost.Beast as the client: latency (p50, p99) on one connection, and messages
// per second on 1 and on 100 connections, each sending its next message when the last came back.
//
//   live_echo_bench
//
// The server runs on its own thread (one io_context), the clients on the benchmark's.

#include <benchmark/benchmark.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "live/server.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

const std::string kMessage(16, 'x');  // a chat line's worth

struct RunningServer {
  RunningServer() : server(options()), thread([this] { server.run(); }) {}
  ~RunningServer() {
    server.stop();
    thread.join();
  }
  static pushlab::live::ServerOptions options() {
    pushlab::live::ServerOptions options;
    options.scenario.name = "bench";
    options.scenario.duration = std::chrono::seconds{1};
    options.scenario.transports = {pushlab::sim::Transport::websocket};
    return options;
  }
  pushlab::live::Server server;
  std::thread thread;
};

using Socket = websocket::stream<tcp::socket>;

std::vector<std::unique_ptr<Socket>> connect(asio::io_context& io, unsigned short port, int count) {
  std::vector<std::unique_ptr<Socket>> sockets;
  for (int i = 0; i < count; ++i) {
    auto socket = std::make_unique<Socket>(io);
    beast::get_lowest_layer(*socket).connect({asio::ip::make_address("127.0.0.1"), port});
    beast::get_lowest_layer(*socket).set_option(tcp::no_delay(true));
    socket->handshake("127.0.0.1", "/echo");
    socket->text(true);
    sockets.push_back(std::move(socket));
  }
  return sockets;
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p / 100 * static_cast<double>(values.size() - 1))];
}

// Each round sends one message on every connection, then reads every echo.
void echo_round_trips(benchmark::State& state) {
  const RunningServer running;
  asio::io_context io;
  const int connections = static_cast<int>(state.range(0));
  auto sockets = connect(io, running.server.port(), connections);
  beast::flat_buffer buffer;
  std::vector<double> round_trips_us;
  std::int64_t messages = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    for (auto& socket : sockets) socket->write(asio::buffer(kMessage));
    for (auto& socket : sockets) {
      socket->read(buffer);
      buffer.consume(buffer.size());
    }
    round_trips_us.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    messages += connections;
  }
  for (auto& socket : sockets) socket->close(websocket::close_code::normal);
  state.counters["round_p50_us"] = percentile(round_trips_us, 50);
  state.counters["round_p99_us"] = percentile(round_trips_us, 99);
  state.counters["messages_per_second"] =
      benchmark::Counter(static_cast<double>(messages), benchmark::Counter::kIsRate);
}

BENCHMARK(echo_round_trips)->ArgName("connections")->Arg(1)->Arg(100)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
