#pragma once
// Turns a scenario's traffic sources into application messages as the run goes: for every
// client and every source, the next message is scheduled when the previous one is created, so
// only one event per client and source is ever pending. Each (client, source) pair draws from
// its own random stream of the scenario's seed, so every lane sees the same traffic.

#include <functional>
#include <optional>
#include <vector>

#include "sim/engine/rng.hpp"
#include "sim/engine/simulator.hpp"
#include "sim/scenario/scenario.hpp"

namespace pushlab::sim {

class TrafficGenerator {
 public:
  // Called when a message is created: which client, which way, how many payload bytes.
  using OnMessage = std::function<void(int client, const TrafficSource& source)>;

  TrafficGenerator(Simulator& simulator, const Scenario& scenario, int clients,
                   OnMessage on_message);

  // Schedules the first message of every client and source; none is created at or after the
  // scenario's duration.
  void start();

 private:
  struct Stream {
    int client = 0;
    std::size_t source = 0;
    Rng rng;
    std::size_t next_index = 0;  // the next periodic tick or listed time
  };

  std::optional<Nanoseconds> next_time(Stream& stream, Nanoseconds after);
  void schedule_next(Stream& stream, Nanoseconds after);

  Simulator& simulator_;
  const Scenario& scenario_;
  int clients_;
  OnMessage on_message_;
  std::vector<Stream> streams_;  // reserved once: scheduled events hold references into it
  std::vector<std::vector<Nanoseconds>> sorted_times_;  // of each "at" source
};

}  // namespace pushlab::sim
