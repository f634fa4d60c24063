#include "sim/json/object_reader.hpp"

#include <algorithm>
#include <utility>

#include "sim/json/closest_name.hpp"
#include "sim/json/describe.hpp"

namespace pushlab::sim::json {

ObjectReader::ObjectReader(const Json& value, Location where,
                           std::span<const std::string_view> known_fields)
    : json_(value), where_(std::move(where)) {
  if (!json_.is_object()) fail_type(json_, where_, "an object");
  for (const auto& [name, field_value] : json_.items()) {
    if (std::find(known_fields.begin(), known_fields.end(), name) != known_fields.end()) continue;
    std::string reason = "unknown field (expected one of " + join(known_fields);
    if (const auto suggestion = closest_name(name, known_fields)) {
      reason += "; did you mean " + std::string(*suggestion) + "?";
    }
    location(name).fail(reason + ")");
  }
}

const Json* ObjectReader::find(std::string_view field) const {
  const auto found = json_.find(field);
  return found == json_.end() ? nullptr : &*found;
}

const Json& ObjectReader::require(std::string_view field, std::string_view expected) const {
  const Json* value = find(field);
  if (value == nullptr) {
    where_.fail("missing field \"" + std::string(field) + "\" (expected " + std::string(expected) +
                ")");
  }
  return *value;
}

void ObjectReader::read_number(std::string_view field, const NumberRange& range,
                               double& out) const {
  if (const Json* value = find(field)) out = json::read_number(*value, location(field), range);
}

void ObjectReader::read_bool(std::string_view field, bool& out) const {
  if (const Json* value = find(field)) out = json::read_bool(*value, location(field));
}

void ObjectReader::read_string(std::string_view field, std::string& out) const {
  if (const Json* value = find(field)) out = json::read_string(*value, location(field));
}

void ObjectReader::read_seconds(std::string_view field, const NumberRange& range,
                                std::chrono::nanoseconds& out) const {
  if (const Json* value = find(field)) out = json::read_seconds(*value, location(field), range);
}

void ObjectReader::read_milliseconds(std::string_view field, const NumberRange& range,
                                     std::chrono::nanoseconds& out) const {
  if (const Json* value = find(field)) {
    out = json::read_milliseconds(*value, location(field), range);
  }
}

void ObjectReader::read_milliseconds(std::string_view field, const NumberRange& range,
                                     std::optional<std::chrono::nanoseconds>& out) const {
  if (const Json* value = find(field)) {
    out = json::read_milliseconds(*value, location(field), range);
  }
}

}  // namespace pushlab::sim::json
