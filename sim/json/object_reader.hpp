#pragma once
// Reading an untrusted JSON object field by field. It refuses any field it does not know before
// anything else: a misspelt field is more often the real mistake than the "missing field" it
// causes, so the message lists the known fields and suggests the nearest.
//
//   const ObjectReader object(value, where, kNetworkFields);
//   object.read_milliseconds("latency_ms", kLatencyMs, network.latency);

#include <chrono>
#include <concepts>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sim/json/json.hpp"
#include "sim/json/location.hpp"
#include "sim/json/read_value.hpp"

namespace pushlab::sim::json {

class ObjectReader {
 public:
  ObjectReader(const Json& value, Location where, std::span<const std::string_view> known_fields);

  const Json& json() const { return json_; }
  const Location& location() const { return where_; }
  Location location(std::string_view field) const { return where_.field(field); }

  const Json* find(std::string_view field) const;
  // Fails with `missing field "x" (expected ...)` when absent; `expected` says when it is needed.
  const Json& require(std::string_view field, std::string_view expected) const;

  // Each reads the field into `out` when present and leaves `out` (the default) when absent.
  void read_number(std::string_view field, const NumberRange& range, double& out) const;
  void read_bool(std::string_view field, bool& out) const;
  void read_string(std::string_view field, std::string& out) const;
  void read_seconds(std::string_view field, const NumberRange& range,
                    std::chrono::nanoseconds& out) const;
  void read_milliseconds(std::string_view field, const NumberRange& range,
                         std::chrono::nanoseconds& out) const;
  void read_milliseconds(std::string_view field, const NumberRange& range,
                         std::optional<std::chrono::nanoseconds>& out) const;
  template <std::integral Integer>
  void read_integer(std::string_view field, Integer min, Integer max, Integer& out) const {
    if (const Json* value = find(field)) {
      out = static_cast<Integer>(json::read_integer(*value, location(field),
                                                    static_cast<std::uint64_t>(min),
                                                    static_cast<std::uint64_t>(max)));
    }
  }

 private:
  const Json& json_;
  Location where_;
};

}  // namespace pushlab::sim::json
