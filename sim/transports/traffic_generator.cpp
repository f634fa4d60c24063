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
  const Rng root(scenario_.seed);
  const std::size_t sources = scenario_.traffic.size();
  for (const TrafficSource& source : scenario_.traffic) {
    std::vector<Nanoseconds> times;
    if (const auto* at = std::get_if<At>(&source.pattern)) times = at->times;
    std::sort(times.begin(), times.end());
    sorted_times_.push_back(std::move(times));
  }
  streams_.reserve(static_cast<std::size_t>(clients_) * sources);
  for (int client = 0; client < clients_; ++client) {
    for (std::size_t source = 0; source < sources; ++source) {
      const std::uint64_t stream =
          streams::kTraffic + static_cast<std::uint64_t>(client) * sources + source;
      streams_.push_back({client, source, root.fork(stream), 0});
    }
  }
  for (Stream& stream : streams_) schedule_next(stream, simulator_.now());
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
    on_message_(stream.client, scenario_.traffic[stream.source]);
    schedule_next(stream, at);
  });
}

}  // namespace pushlab::sim
