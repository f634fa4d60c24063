#include "sim/transports/traffic_generator.hpp"

#include <algorithm>

#include "sim/transports/random_streams.hpp"

namespace pushlab::sim {

TrafficGenerator::TrafficGenerator(Simulator& simulator, const Scenario& scenario, int clients,
                                   OnMessage on_message)
    : simulator_(simulator),
      scenario_(scenario),
      clients_(clients),
      on_message_(std::move(on_message)) {}

void TrafficGenerator::start() {
  const std::size_t sources = scenario_.traffic.size();
  for (const TrafficSource& source : scenario_.traffic) {
    std::vector<Nanoseconds> times;
    if (const auto* at = std::get_if<At>(&source.pattern)) times = at->times;
    std::sort(times.begin(), times.end());
    sorted_times_.push_back(std::move(times));
  }
  streams_.reserve(static_cast<std::size_t>(clients_) * sources);
  // Client by client, source by source, as the streams were always numbered.
  const Rng root(scenario_.seed);
  for (int client = 0; client < clients_; ++client) {
    for (std::size_t source = 0; source < sources; ++source) {
      if (scenario_.traffic[source].audience != Audience::one) continue;
      const std::uint64_t stream =
          streams::kTraffic + static_cast<std::uint64_t>(client) * sources + source;
      streams_.push_back({.to = {.first = client, .count = 1, .sender = -1},
                          .source = source,
                          .rng = root.fork(stream),
                          .senders = root.fork(streams::kSenders + stream),
                          .next_index = 0});
    }
  }
  for (std::size_t source = 0; source < sources; ++source) add_streams(source);
  for (Stream& stream : streams_) schedule_next(stream, simulator_.now());
}

// A source with an audience of all or rooms: a stream per room.
void TrafficGenerator::add_streams(std::size_t source) {
  const TrafficSource& traffic = scenario_.traffic[source];
  if (traffic.audience == Audience::one) return;
  const int size = traffic.audience == Audience::all ? clients_ : traffic.room_size;
  const Rng root(scenario_.seed);
  for (int first = 0, room = 0; first < clients_; first += size, ++room) {
    const std::uint64_t stream = streams::kRoomTraffic +
                                 static_cast<std::uint64_t>(room) * scenario_.traffic.size() +
                                 source;
    streams_.push_back(
        {.to = {.first = first, .count = std::min(size, clients_ - first), .sender = -1},
         .source = source,
         .rng = root.fork(stream),
         .senders = root.fork(streams::kSenders + stream),
         .next_index = 0});
  }
}

// Only a cluster has senders: one server pushes to everyone otherwise. A message for one
// client may come from anyone; a room's comes from one of the room.
TrafficGenerator::Recipients TrafficGenerator::next_recipients(Stream& stream) {
  Recipients to = stream.to;
  const TrafficSource& source = scenario_.traffic[stream.source];
  if (!scenario_.cluster || source.direction != Direction::server_to_client) return to;
  const bool one = source.audience == Audience::one;
  const int first = one ? 0 : to.first;
  const int count = one ? clients_ : to.count;
  to.sender = first + static_cast<int>(stream.senders.uniform_int(0, count - 1));
  return to;
}

std::optional<Nanoseconds> TrafficGenerator::next_time(Stream& stream, Nanoseconds after) {
  const TrafficPattern& pattern = scenario_.traffic[stream.source].pattern;
  if (const auto* poisson = std::get_if<Poisson>(&pattern)) {
    const auto mean = Nanoseconds{static_cast<std::int64_t>(1e9 / poisson->rate_per_s)};
    return after + stream.rng.exponential_duration(mean);
  }
  if (const auto* periodic = std::get_if<Periodic>(&pattern)) {
    return periodic->start + periodic->interval * static_cast<std::int64_t>(stream.next_index++);
  }
  const std::vector<Nanoseconds>& times = sorted_times_[stream.source];
  if (stream.next_index >= times.size()) return std::nullopt;
  return times[stream.next_index++];
}

void TrafficGenerator::schedule_next(Stream& stream, Nanoseconds after) {
  const std::optional<Nanoseconds> time = next_time(stream, after);
  if (!time || *time >= scenario_.duration) return;
  simulator_.schedule_at(std::max(*time, simulator_.now()), [this, &stream, at = *time] {
    on_message_(next_recipients(stream), scenario_.traffic[stream.source]);
    schedule_next(stream, at);
  });
}

}  // namespace pushlab::sim
