#include "sim/json/closest_name.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

namespace pushlab::sim::json {

// Optimal string alignment distance, keeping only the three rows it needs.
std::size_t edit_distance(std::string_view from, std::string_view to) {
  std::vector<std::size_t> before_previous(to.size() + 1);
  std::vector<std::size_t> previous(to.size() + 1);
  std::vector<std::size_t> current(to.size() + 1);
  std::iota(previous.begin(), previous.end(), std::size_t{0});
  for (std::size_t i = 1; i <= from.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= to.size(); ++j) {
      const std::size_t substitution = from[i - 1] == to[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      const bool swapped = i > 1 && j > 1 && from[i - 1] == to[j - 2] && from[i - 2] == to[j - 1];
      if (swapped) current[j] = std::min(current[j], before_previous[j - 2] + 1);
    }
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return previous[to.size()];
}

namespace {

std::string lower_case(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// "timeout" for "timeout_s": the field without its unit.
std::optional<std::string_view> name_with_unit(const std::string& typed,
                                               std::span<const std::string_view> candidates) {
  for (const std::string_view candidate : candidates) {
    if (lower_case(candidate).starts_with(typed + "_")) return candidate;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> closest_name(std::string_view typed,
                                             std::span<const std::string_view> candidates) {
  const std::string lower_typed = lower_case(typed);
  if (const auto with_unit = name_with_unit(lower_typed, candidates)) return with_unit;
  const std::size_t allowed = std::max<std::size_t>(1, typed.size() / 3);
  std::optional<std::string_view> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string_view candidate : candidates) {
    // The lengths alone bound the distance from below: skip the work for a long key.
    const std::size_t length_gap =
        std::max(typed.size(), candidate.size()) - std::min(typed.size(), candidate.size());
    if (length_gap >= best_distance) continue;
    const std::size_t distance = edit_distance(lower_typed, lower_case(candidate));
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace pushlab::sim::json
