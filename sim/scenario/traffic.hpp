#pragma once
// Where application messages come from: one source per entry of a scenario's "traffic" list.

#include <array>
#include <cstddef>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/engine/nanoseconds.hpp"
#include "sim/scenario/direction.hpp"

namespace pushlab::sim {

// Messages at random moments (exponential gaps), on average `rate_per_s` a second.
struct Poisson {
  double rate_per_s = 0;
  bool operator==(const Poisson&) const = default;
};

// Messages at `start`, `start + interval`, `start + 2 * interval`, ...
struct Periodic {
  Nanoseconds interval{};
  Nanoseconds start{};
  bool operator==(const Periodic&) const = default;
};

// Messages at exactly these times since the start, in the order given (not necessarily sorted).
struct At {
  std::vector<Nanoseconds> times;
  bool operator==(const At&) const = default;
};

using TrafficPattern = std::variant<Poisson, Periodic, At>;

// JSON names of the patterns, in the order of TrafficPattern's alternatives.
inline constexpr std::array<std::string_view, 3> kPatternNames = {"poisson", "periodic", "at"};
static_assert(kPatternNames.size() == std::variant_size_v<TrafficPattern>);

inline std::string_view pattern_name(const TrafficPattern& pattern) {
  return kPatternNames[pattern.index()];
}

// Who a server-to-client message is for: its one client (the pattern runs for each client),
// everyone (a live score: the pattern runs once, and each message goes to every client), or a
// room (clients in groups of `room_size`, in order: the pattern runs once for each room).
enum class Audience { one, all, room };
inline constexpr std::array<std::string_view, 3> kAudienceNames = {"one", "all", "room"};

inline std::string_view to_string(Audience audience) {
  return kAudienceNames[static_cast<std::size_t>(audience)];
}

struct TrafficSource {
  Direction direction = Direction::server_to_client;
  TrafficPattern pattern;
  std::size_t payload_bytes = 0;  // application payload of each message, before any framing
  Audience audience = Audience::one;
  int room_size = 0;  // with Audience::room
  bool operator==(const TrafficSource&) const = default;
};

}  // namespace pushlab::sim
