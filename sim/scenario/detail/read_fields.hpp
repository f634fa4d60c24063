#pragma once
// Reads a section's number and switch fields from its table (sim/scenario/fields.hpp), each
// checked against its range, with what 0 means when it means something of its own.

#include <array>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/json/object_reader.hpp"
#include "sim/scenario/fields.hpp"

namespace pushlab::sim::detail {

// A number out of a field's range, refused with what 0 means when it means something: "0 for
// no pings, or a number from 0.001 to 86400", "a number from 0 to 86400, 0 for never".
void check_range(const json::ObjectReader& object, const FieldInfo& field);

// The field's range, with 0 let in below it when 0 means something of its own.
json::NumberRange with_zero(const FieldInfo& field);

void read_field(const json::ObjectReader& object, const FieldInfo& field, bool& out);
void read_field(const json::ObjectReader& object, const FieldInfo& field, double& out);
void read_field(const json::ObjectReader& object, const FieldInfo& field,
                std::optional<Nanoseconds>& out);
void read_field(const json::ObjectReader& object, const FieldInfo& field, Nanoseconds& out);

template <std::integral Integer>
void read_field(const json::ObjectReader& object, const FieldInfo& field, Integer& out) {
  const json::NumberRange range = with_zero(field);
  object.read_integer(field.key, static_cast<Integer>(range.min), static_cast<Integer>(range.max),
                      out);
}

// Every field of the table that the object holds, into `section`.
template <typename Section, std::size_t N>
void read_table(const json::ObjectReader& object, const std::array<Field<Section>, N>& table,
                Section& section) {
  for (const Field<Section>& field : table) {
    check_range(object, field.info);
    std::visit([&](auto member) { read_field(object, field.info, section.*member); }, field.member);
  }
}

// A section that holds only its table's fields.
template <typename Section, std::size_t N>
Section read_fields(const json::Json& value, const json::Location& where,
                    const std::array<Field<Section>, N>& table) {
  const std::array<std::string_view, N> keys = keys_of(table);
  const json::ObjectReader object(value, where, keys);
  Section section;
  read_table(object, table, section);
  return section;
}

// The table's keys and then `more`: for a section with fields of its own besides the table's.
template <typename Section, std::size_t N>
std::vector<std::string_view> keys_with(const std::array<Field<Section>, N>& table,
                                        std::span<const std::string_view> more) {
  const std::array<std::string_view, N> keys = keys_of(table);
  std::vector<std::string_view> all(more.begin(), more.end());
  all.insert(all.end(), keys.begin(), keys.end());
  return all;
}

}  // namespace pushlab::sim::detail
