#include "sim/scenario/detail/read_fields.hpp"

#include <cstdint>
#include <string>

#include "sim/json/read_value.hpp"

namespace pushlab::sim::detail {

using json::Json;
using json::NumberRange;
using json::ObjectReader;

NumberRange with_zero(const FieldInfo& field) {
  NumberRange range = field.range;
  if (!field.zero_means.empty() && range.min > 0) range.min = 0;
  return range;
}

void check_range(const ObjectReader& object, const FieldInfo& field) {
  const Json* value = object.find(field.key);
  if (value == nullptr || !value->is_number() || field.zero_means.empty()) return;
  const double number = value->get<double>();
  if (number == 0 || json::in_range(number, field.range)) return;
  const std::string zero(field.zero_means);
  const std::string range =
      field.unit == FieldUnit::count
          ? json::describe_integers(static_cast<std::uint64_t>(field.range.min),
                                    static_cast<std::uint64_t>(field.range.max))
          : json::describe(field.range);
  json::fail_range(
      *value, object.location(field.key),
      field.range.min > 0 ? "0 for " + zero + ", or " + range : range + ", 0 for " + zero);
}

void read_field(const ObjectReader& object, const FieldInfo& field, bool& out) {
  object.read_bool(field.key, out);
}

void read_field(const ObjectReader& object, const FieldInfo& field, double& out) {
  object.read_number(field.key, with_zero(field), out);
}

void read_field(const ObjectReader& object, const FieldInfo& field,
                std::optional<Nanoseconds>& out) {
  object.read_milliseconds(field.key, with_zero(field), out);
}

void read_field(const ObjectReader& object, const FieldInfo& field, Nanoseconds& out) {
  const NumberRange range = with_zero(field);
  if (field.unit == FieldUnit::seconds) {
    object.read_seconds(field.key, range, out);
  } else {
    object.read_milliseconds(field.key, range, out);
  }
}

}  // namespace pushlab::sim::detail
