#pragma once
// How long a client waits before its next reconnect attempt, by the scenario's policy. The
// jittered ones are Marc Brooker's, "Exponential Backoff And Jitter", AWS Architecture Blog,
// 2015 (attempt n counts from 0; base and cap from the scenario's reconnect section):
//
//   immediate            0
//   fixed                base
//   exponential          min(cap, base * 2^n)
//   full-jitter          random_between(0, min(cap, base * 2^n))
//   equal-jitter         t = min(cap, base * 2^n); t/2 + random_between(0, t/2)
//   decorrelated-jitter  min(cap, random_between(base, previous * 3)), previous starting at base
//
// A successful connection resets the count, as a client that reconnected starts over.

#include "sim/engine/rng.hpp"
#include "sim/scenario/cluster.hpp"

namespace pushlab::sim {

class ReconnectBackoff {
 public:
  // `rng` is the client's own stream: each policy draws at most one number an attempt.
  ReconnectBackoff(const Reconnect& settings, Rng rng);

  // The wait before the next attempt; counts it.
  Nanoseconds next_delay();

  // The client is connected again.
  void reset();

  int attempts() const { return attempt_; }

 private:
  Nanoseconds exponential() const;  // min(cap, base * 2^attempt)

  const Reconnect& settings_;
  Rng rng_;
  int attempt_ = 0;
  Nanoseconds previous_;  // decorrelated jitter's last sleep
};

}  // namespace pushlab::sim
