#include "sim/scenario/detail/read_traffic.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <type_traits>
#include <variant>

#include "sim/json/describe.hpp"
#include "sim/json/object_reader.hpp"
#include "sim/json/read_value.hpp"
#include "sim/json/units.hpp"
#include "sim/scenario/fields.hpp"

namespace pushlab::sim::detail {

using json::describe;
using json::fail_range;
using json::join;
using json::Json;
using json::kNanosecondsPerSecond;
using json::Location;
using json::NumberRange;
using json::ObjectReader;
using json::read_array;
using json::read_choice;
using json::read_enum;
using json::read_integer;
using json::read_number;
using json::read_seconds;
using json::to_unit;

namespace {

using fields::kAnyTimeSeconds;
using fields::kIntervalSeconds;
using fields::kMaxPayloadBytes;
using fields::kRatePerSecond;

// Indices of the patterns in kPatternNames and in TrafficPattern.
enum PatternIndex : std::size_t { kPoisson, kPeriodic, kAt };
static_assert(std::is_same_v<std::variant_alternative_t<kPoisson, TrafficPattern>, Poisson>);
static_assert(std::is_same_v<std::variant_alternative_t<kPeriodic, TrafficPattern>, Periodic>);
static_assert(std::is_same_v<std::variant_alternative_t<kAt, TrafficPattern>, At>);

constexpr std::array<std::string_view, 9> kAllFields = {"direction",     "pattern",  "rate_per_s",
                                                        "interval_s",    "start_s",  "times_s",
                                                        "payload_bytes", "audience", "room_size"};
constexpr std::array<std::string_view, 6> kPoissonFields = {
    "direction", "pattern", "rate_per_s", "payload_bytes", "audience", "room_size"};
constexpr std::array<std::string_view, 7> kPeriodicFields = {
    "direction", "pattern", "interval_s", "start_s", "payload_bytes", "audience", "room_size"};
constexpr std::array<std::string_view, 6> kAtFields = {"direction",     "pattern",  "times_s",
                                                       "payload_bytes", "audience", "room_size"};

std::span<const std::string_view> fields_of(std::size_t pattern_index) {
  switch (pattern_index) {
    case kPoisson:
      return kPoissonFields;
    case kPeriodic:
      return kPeriodicFields;
    default:
      return kAtFields;
  }
}

std::string for_pattern(std::size_t pattern_index) {
  return "for pattern \"" + std::string(kPatternNames[pattern_index]) + "\"";
}

// A field another pattern uses is no typo, so it gets its own message.
void reject_other_patterns_fields(const ObjectReader& object, std::size_t pattern_index) {
  const auto allowed = fields_of(pattern_index);
  for (const auto& [name, value] : object.json().items()) {
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    object.location(name).fail("field not used " + for_pattern(pattern_index) + " (expected only " +
                               join(allowed) + ")");
  }
}

Nanoseconds read_time_within(const Json& value, const Location& where, Nanoseconds duration) {
  const Nanoseconds time = read_seconds(value, where, kAnyTimeSeconds);
  if (time > duration) {
    const NumberRange within{.min = 0, .max = to_unit(duration, kNanosecondsPerSecond)};
    fail_range(value, where, describe(within) + ", the scenario's duration_s");
  }
  return time;
}

Periodic read_periodic(const ObjectReader& object, Nanoseconds duration) {
  Periodic periodic;
  periodic.interval = read_seconds(object.require("interval_s", for_pattern(kPeriodic)),
                                   object.location("interval_s"), kIntervalSeconds);
  periodic.start = periodic.interval;
  if (const Json* start = object.find("start_s")) {
    periodic.start = read_time_within(*start, object.location("start_s"), duration);
  }
  return periodic;
}

At read_at(const ObjectReader& object, Nanoseconds duration) {
  const Location where = object.location("times_s");
  const auto& items = read_array(object.require("times_s", for_pattern(kAt)), where);
  if (items.empty()) where.fail("[] is empty (expected at least one time in seconds)");
  At at;
  for (std::size_t i = 0; i < items.size(); ++i) {
    at.times.push_back(read_time_within(items[i], where.item(i), duration));
  }
  return at;
}

TrafficPattern read_pattern(const ObjectReader& object, std::size_t pattern_index,
                            Nanoseconds duration) {
  switch (pattern_index) {
    case kPoisson:
      return Poisson{read_number(object.require("rate_per_s", for_pattern(kPoisson)),
                                 object.location("rate_per_s"), kRatePerSecond)};
    case kPeriodic:
      return read_periodic(object, duration);
    default:
      return read_at(object, duration);
  }
}

// Only a server pushes to an audience; a room has a size, and only a room has one.
void read_audience(const ObjectReader& object, TrafficSource& source) {
  if (const Json* audience = object.find("audience")) {
    const Location where = object.location("audience");
    source.audience =
        static_cast<Audience>(read_choice(*audience, where, kAudienceNames, "an audience"));
    if (source.direction != Direction::server_to_client && source.audience != Audience::one) {
      where.fail(describe(*audience) +
                 " for a client-to-server source (expected \"one\": a client's message goes to "
                 "its server; an audience is for server-to-client messages)");
    }
  }
  const Json* room_size = object.find("room_size");
  if (source.audience != Audience::room) {
    if (room_size != nullptr) {
      object.location("room_size").fail("field used only with \"audience\": \"room\"");
    }
    return;
  }
  if (room_size == nullptr) object.require("room_size", "with \"audience\": \"room\"");
  source.room_size =
      static_cast<int>(read_integer(*room_size, object.location("room_size"), 1,
                                    static_cast<std::uint64_t>(fields::kMaxClients)));
}

TrafficSource read_source(const Json& value, const Location& where, Nanoseconds duration) {
  const ObjectReader object(value, where, kAllFields);
  TrafficSource source;
  source.direction = read_enum(object.require("direction", "in every traffic source"),
                               object.location("direction"), kAllDirections, "a direction");
  const std::size_t pattern_index =
      read_choice(object.require("pattern", "in every traffic source"), object.location("pattern"),
                  kPatternNames, "a pattern");
  reject_other_patterns_fields(object, pattern_index);
  source.pattern = read_pattern(object, pattern_index, duration);
  source.payload_bytes = static_cast<std::size_t>(
      read_integer(object.require("payload_bytes", "in every traffic source"),
                   object.location("payload_bytes"), 0, kMaxPayloadBytes));
  read_audience(object, source);
  return source;
}

}  // namespace

std::vector<TrafficSource> read_traffic(const Json& value, const Location& where,
                                        Nanoseconds duration) {
  const auto& items = read_array(value, where);
  std::vector<TrafficSource> traffic;
  for (std::size_t i = 0; i < items.size(); ++i) {
    traffic.push_back(read_source(items[i], where.item(i), duration));
  }
  return traffic;
}

}  // namespace pushlab::sim::detail
