#include "sim/net/tcp_connection.hpp"

#include <doctest/doctest.h>

#include <cstdio>

#include <memory>
#include <vector>

#include "sim/net/duration_text.hpp"

using namespace pushlab::sim;
using namespace std::chrono_literals;

namespace {

// A client (0) and a server (1) joined by one connection over a 50 ms link each way.
struct Bench {
  explicit Bench(LinkParams params = {.latency = 50ms}, std::uint64_t seed = 1)
      : rng(seed), forward(params, rng), backward(params, rng) {
    recorder.add_endpoint({EndpointRole::client, "client"});
    recorder.add_endpoint({EndpointRole::server, "server"});
  }

  TcpConnection& connect() {
    connection = std::make_unique<TcpConnection>(net, 0, 1, forward, backward, false);
    connection->on_receive(Side::acceptor, [this](const WireFrame& frame) {
      at_server.push_back({frame, simulator.now()});
    });
    return *connection;
  }

  Lane finish() {
    simulator.run();
    connection->finish();
    return std::move(recorder).finish();
  }

  struct Arrival {
    WireFrame frame;
    Nanoseconds at;
  };

  Simulator simulator;
  Rng rng;
  TraceRecorder recorder{Transport::websocket};
  NetContext net{simulator, rng, recorder};
  Link forward;
  Link backward;
  std::unique_ptr<TcpConnection> connection;
  std::vector<Arrival> at_server;
};

WireFrame data(std::size_t size) {
  return {.layer = Layer::http, .kind = "request", .bytes = pushlab::sim::wire::Bytes(size, 'x')};
}

std::vector<const WireFrame*> of_kind(const Lane& lane, std::string_view kind) {
  std::vector<const WireFrame*> found;
  for (const WireFrame& frame : lane.frames) {
    if (frame.kind == kind) found.push_back(&frame);
  }
  return found;
}

}  // namespace

TEST_CASE("the three-way handshake comes before the first byte") {
  Bench bench;
  TcpConnection& connection = bench.connect();
  Nanoseconds established{-1};
  connection.open([&] {
    established = bench.simulator.now();
    connection.send(Side::opener, data(100));
  });
  const Lane lane = bench.finish();
  // SYN 0 -> 50 ms, SYN-ACK 50 -> 100 ms, ACK and the data leave at 100 ms.
  CHECK(established == 100ms);
  REQUIRE(of_kind(lane, "syn").size() == 1);
  CHECK(of_kind(lane, "syn")[0]->received_at == 50ms);
  CHECK(of_kind(lane, "syn-ack")[0]->received_at == 100ms);
  CHECK(of_kind(lane, "ack")[0]->sent_at == 100ms);
  REQUIRE(bench.at_server.size() == 1);
  CHECK(bench.at_server[0].at == 150ms);
  CHECK(of_kind(lane, "syn")[0]->modelled_size == 60u);
  CHECK(of_kind(lane, "syn")[0]->setup);
}

TEST_CASE("a frame is cut into segments at the MSS and pays their headers and ACKs") {
  Bench bench;
  TcpConnection& connection = bench.connect();
  connection.open([&] { connection.send(Side::opener, data(4000)); });
  const Lane lane = bench.finish();
  const auto requests = of_kind(lane, "request");
  REQUIRE(requests.size() == 1);
  // 4000 bytes: segments of 1460, 1460 and 1080; one delayed ACK per two segments: 2 ACKs.
  // (3 + 2) * 52 bytes of modelled TCP/IP headers.
  CHECK(requests[0]->transport_overhead == 5 * 52);
  CHECK(requests[0]->size() == 4000);
}

TEST_CASE("bandwidth spreads a frame's segments out in time") {
  Bench bench({.latency = 50ms, .bandwidth_kbps = 1000});
  TcpConnection& connection = bench.connect();
  connection.open([&] { connection.send(Side::opener, data(2920)); });
  bench.finish();
  // SYN (60 B: 0.48 ms on the wire) arrives at 50.48 ms, the SYN-ACK at 100.96 ms. The ACK
  // (52 B, 0.416 ms) then two full segments of 1512 B (12.096 ms each) follow back to back:
  // the last bit leaves at 100.96 + 0.416 + 24.192 = 125.568 ms and arrives 50 ms later.
  REQUIRE(bench.at_server.size() == 1);
  CHECK(bench.at_server[0].at == Nanoseconds{175'568'000});
}

TEST_CASE("frames arrive whole and in order") {
  Bench bench({.latency = 20ms, .jitter = 15ms}, 9);
  TcpConnection& connection = bench.connect();
  connection.open([&] {
    for (std::size_t size = 1; size <= 40; ++size) connection.send(Side::opener, data(size * 97));
  });
  bench.finish();
  REQUIRE(bench.at_server.size() == 40);
  for (std::size_t i = 0; i < 40; ++i) CHECK(bench.at_server[i].frame.size() == (i + 1) * 97);
}

namespace {

// Ten frames from the client as soon as the connection opens; frame i has 1000 + i bytes.
Lane send_ten_frames(Bench& bench) {
  TcpConnection& connection = bench.connect();
  connection.open([&] {
    for (std::size_t i = 0; i < 10; ++i) connection.send(Side::opener, data(1000 + i));
  });
  return bench.finish();
}

}  // namespace

TEST_CASE("a lost segment is sent again after the RTO, and everything behind it waits") {
  // Seeds differ in which packets the 30% loss takes; every seed must show the same rules.
  // Frame i has 1000 + i bytes, so a lost copy's size (plus 52 bytes of header) names its frame.
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    Bench bench({.latency = 50ms, .loss = 0.3}, seed);
    const Lane lane = send_ten_frames(bench);
    // Loss never loses a frame: TCP repairs it, in order.
    REQUIRE(bench.at_server.size() == 10);
    for (std::size_t i = 0; i < bench.at_server.size(); ++i) {
      CHECK(bench.at_server[i].frame.size() == 1000 + i);
      if (i > 0) CHECK(bench.at_server[i].at >= bench.at_server[i - 1].at);
    }
    // The copy is sent again after at least the minimum RTO (200 ms) and takes 50 ms: frame k
    // and every frame behind it in the stream arrive no sooner (head-of-line blocking).
    for (const WireFrame* lost : of_kind(lane, "segment")) {
      CHECK(lost->lost());
      if (lost->from != 0 || *lost->modelled_size < 1052) continue;  // a FIN, or the server's
      const std::size_t k = *lost->modelled_size - 1052;
      for (std::size_t i = k; i < 10; ++i) {
        CHECK(bench.at_server[i].at >= lost->sent_at + 200ms + 50ms);
      }
    }
  }
}

TEST_CASE("a frame held behind a lost segment says when its own bytes were all in") {
  std::size_t held = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    Bench bench({.latency = 50ms, .loss = 0.3}, seed);
    const Lane lane = send_ten_frames(bench);
    for (const WireFrame& frame : lane.frames) {
      if (frame.note.find("behind a lost segment") == std::string::npos) continue;
      ++held;
      // Its own bytes came through (first time, or again after its own loss) before the
      // frame ahead was repaired; the note says when, and the window's time says more.
      REQUIRE(frame.received_at);
      const std::size_t at = frame.note.find("all in at ");
      REQUIRE(at != std::string::npos);
      double in_s = 0;
      REQUIRE(std::sscanf(frame.note.c_str() + at, "all in at %lf s", &in_s) == 1);
      const auto in = std::chrono::duration_cast<Nanoseconds>(std::chrono::duration<double>(in_s));
      CHECK(in >= frame.sent_at + 50ms - 1ms);
      CHECK(in < *frame.received_at);
      CHECK(frame.note.find("held them " + duration_text(*frame.received_at - in)) !=
            std::string::npos);
    }
  }
  CHECK(held > 0);
  // Without loss nothing is ever held.
  Bench bench({.latency = 50ms}, 1);
  for (const WireFrame& frame : send_ten_frames(bench).frames) {
    CHECK(frame.note.find("behind a lost segment") == std::string::npos);
  }
}

TEST_CASE("FIN both ways closes the connection, and a closed side receives nothing more") {
  Bench bench;
  TcpConnection& connection = bench.connect();
  connection.on_peer_closed(Side::acceptor, [&] { connection.close(Side::acceptor); });
  connection.open([&] {
    connection.send(Side::opener, data(10));
    connection.close(Side::opener);
  });
  bench.simulator.schedule_at(1s, [&] { connection.send(Side::acceptor, data(5)); });
  const Lane lane = bench.finish();
  REQUIRE(lane.connections.size() == 1);
  // The client's FIN leaves at 100 ms behind the data and arrives at 150 ms; the server's FIN
  // answers at once and arrives at 200 ms.
  CHECK(lane.connections[0].closed_at == 200ms);
  CHECK(of_kind(lane, "fin").size() == 2);
  // The server writes after both FINs: the frame is recorded, never sent.
  const auto late = of_kind(lane, "request");
  REQUIRE(late.size() == 2);
  CHECK(late[1]->lost());
  CHECK(late[1]->note.find("already closed") != std::string::npos);
}

TEST_CASE("a frame that reaches a side which has closed is lost, as a reset loses it") {
  Bench bench;
  TcpConnection& connection = bench.connect();
  connection.open([&] { connection.send(Side::opener, data(10)); });
  // The first frame arrives at 150 ms; the server closes at 160 ms without reading on, and
  // the client's second frame, sent at 170 ms, arrives at 220 ms.
  bench.simulator.schedule_at(160ms, [&] { connection.close(Side::acceptor); });
  bench.simulator.schedule_at(170ms, [&] { connection.send(Side::opener, data(20)); });
  const Lane lane = bench.finish();
  const auto requests = of_kind(lane, "request");
  REQUIRE(requests.size() == 2);
  CHECK_FALSE(requests[0]->lost());
  CHECK(requests[1]->lost());
  CHECK(requests[1]->note.find("after the receiver had closed") != std::string::npos);
}
