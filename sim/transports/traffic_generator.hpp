#pragma once
// Turns a scenario's traffic sources into application messages as the run goes: for every
// client and every source (or, for a source with an audience of all or a room, for every room),
// the next message is scheduled when the previous one is created, so only one event per client
// (room) and source is ever pending. Each pair draws from its own random stream of the
// scenario's seed, so every lane sees the same traffic.
//
// In a cluster each message also has a sender, a random client (one of the room), whose server
// publishes it; the sender is drawn from a stream of its own, so the times do not move.

#include <functional>
#include <optional>
#include <vector>

#include "sim/engine/rng.hpp"
#include "sim/engine/simulator.hpp"
#include "sim/scenario/scenario.hpp"

namespace pushlab::sim {

class TrafficGenerator {
 public:
  // Who a message is for: clients first to first + count - 1 (one for an audience of one), and
  // in a cluster the client whose server publishes it (else -1).
  struct Recipients {
    int first = 0;
    int count = 1;
    int sender = -1;
  };

  // Called when a message is created: for whom, which way, how many payload bytes.
  using OnMessage = std::function<void(const Recipients& to, const TrafficSource& source)>;

  TrafficGenerator(Simulator& simulator, const Scenario& scenario, int clients,
                   OnMessage on_message);

  // Schedules the first message of every client and source; none is created at or after the
  // scenario's duration.
  void start();

 private:
  struct Stream {
    Recipients to;
    std::size_t source = 0;
    Rng rng;
    Rng senders;                 // in a cluster: who sends each message
    std::size_t next_index = 0;  // the next periodic tick or listed time
  };

  void add_streams(std::size_t source);
  Recipients next_recipients(Stream& stream);

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
