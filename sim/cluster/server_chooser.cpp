#include "sim/cluster/server_chooser.hpp"

namespace pushlab::sim {

namespace {

// SplitMix64's finaliser: addresses next to each other land far apart.
std::uint64_t mix(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

}  // namespace

ServerChooser::ServerChooser(BalancerPolicy policy, int servers, Rng rng)
    : policy_(policy),
      rng_(rng),
      up_(static_cast<std::size_t>(servers), true),
      connections_(static_cast<std::size_t>(servers), 0) {}

std::optional<int> ServerChooser::choose(EndpointId address) {
  switch (policy_) {
    case BalancerPolicy::round_robin:
      return round_robin();
    case BalancerPolicy::least_connections:
      return least_connections();
    case BalancerPolicy::random:
      return random();
    case BalancerPolicy::ip_hash:
      return hashed(address);
  }
  return std::nullopt;
}

std::optional<int> ServerChooser::round_robin() {
  for (int tried = 0; tried < servers(); ++tried) {
    const int server = next_;
    next_ = (next_ + 1) % servers();
    if (up(server)) return server;
  }
  return std::nullopt;
}

std::optional<int> ServerChooser::least_connections() const {
  std::optional<int> best;
  for (int server = 0; server < servers(); ++server) {
    if (up(server) && (!best || connections(server) < connections(*best))) best = server;
  }
  return best;
}

std::optional<int> ServerChooser::random() {
  std::vector<int> candidates;
  for (int server = 0; server < servers(); ++server) {
    if (up(server)) candidates.push_back(server);
  }
  if (candidates.empty()) return std::nullopt;
  const auto last = static_cast<std::int64_t>(candidates.size()) - 1;
  return candidates[static_cast<std::size_t>(rng_.uniform_int(0, last))];
}

std::optional<int> ServerChooser::hashed(EndpointId address) const {
  const int first = static_cast<int>(mix(address) % static_cast<std::uint64_t>(servers()));
  for (int step = 0; step < servers(); ++step) {
    const int server = (first + step) % servers();
    if (up(server)) return server;
  }
  return std::nullopt;
}

}  // namespace pushlab::sim
