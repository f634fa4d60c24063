#pragma once
// "Did you mean ...?" for misspelt field names.

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace pushlab::sim::json {

// Edits (insert, delete, substitute, swap two neighbours) turning `from` into `to`.
std::size_t edit_distance(std::string_view from, std::string_view to);

// The candidate `typed` most likely meant, ignoring case: the one that is `typed` plus a unit
// ("timeout" for "timeout_s"), else the nearest within one edit per three characters typed (and
// at least one edit allowed).
std::optional<std::string_view> closest_name(std::string_view typed,
                                             std::span<const std::string_view> candidates);

}  // namespace pushlab::sim::json
