#include "sim/net/link.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim;
using namespace std::chrono_literals;

TEST_CASE("a packet takes its serialization time at the bandwidth, then the latency") {
  Rng rng(1);
  Link link({.latency = 50ms, .bandwidth_kbps = 1000}, rng);
  // 1500 bytes at 1000 kbit/s: 12000 bits / 1e6 bit/s = 12 ms on the wire, then 50 ms.
  const Link::Transmission first = link.transmit(0ms, 1500);
  CHECK(first.departure == 0ms);
  CHECK(first.arrival == 62ms);
  // The second packet, ready at once, waits for the first to leave.
  const Link::Transmission second = link.transmit(0ms, 1500);
  CHECK(second.departure == 12ms);
  CHECK(second.arrival == 74ms);
}

TEST_CASE("without a bandwidth limit packets leave when ready") {
  Rng rng(1);
  Link link({.latency = 20ms}, rng);
  CHECK(link.transmit(5ms, 100000).arrival == 25ms);
  CHECK(link.transmit(5ms, 100000).arrival == 25ms);
}

TEST_CASE("jitter delays packets by up to its value but never reorders them") {
  Rng rng(42);
  Link link({.latency = 50ms, .jitter = 30ms}, rng);
  Nanoseconds previous{0};
  bool some_delayed = false;
  for (int i = 0; i < 2000; ++i) {
    const Nanoseconds ready = Nanoseconds{i * 1'000'000};  // one packet a millisecond
    const auto arrival = *link.transmit(ready, 100).arrival;
    CHECK(arrival >= previous);
    CHECK(arrival >= ready + 50ms);
    CHECK(arrival <= std::max(previous, ready + 80ms));
    some_delayed = some_delayed || arrival > ready + 50ms;
    previous = arrival;
  }
  CHECK(some_delayed);
}

TEST_CASE("loss drops about the configured share of packets") {
  Rng rng(3);
  Link link({.latency = 1ms, .loss = 0.1}, rng);
  int lost = 0;
  for (int i = 0; i < 10000; ++i) lost += link.transmit(0ms, 100).arrival ? 0 : 1;
  // Binomial(10000, 0.1): mean 1000, standard deviation 30; five of them either way.
  CHECK(lost > 850);
  CHECK(lost < 1150);
}
