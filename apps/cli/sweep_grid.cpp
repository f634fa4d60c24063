#include "apps/cli/sweep_grid.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

#include "apps/cli/cli_error.hpp"

namespace pushlab::cli {

namespace {

// As --set reads a value: JSON, or else the text as a string.
std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> values;
  std::stringstream list(text);
  std::string item;
  while (std::getline(list, item, ',')) {
    const auto json = nlohmann::ordered_json::parse(item, nullptr, false);
    values.push_back(json.is_discarded() ? nlohmann::ordered_json(item).dump() : json.dump());
  }
  return values;
}

}  // namespace

SweepAxis parse_vary(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    throw InputError("--vary " + text +
                     ": expected PATH=V1,V2,... with a dotted path and JSON values, e.g. "
                     "cluster.servers=1,2,4");
  }
  SweepAxis axis{.path = text.substr(0, equals), .values = {}};
  const std::string values = text.substr(equals + 1);
  const auto list = nlohmann::ordered_json::parse("[" + values + "]", nullptr, false);
  if (list.is_discarded()) {
    axis.values = split_words(values);
  } else {
    for (const auto& value : list) axis.values.push_back(value.dump());
  }
  for (const std::string& value : axis.values) {
    if (value == "\"\"") {
      throw InputError("--vary " + text + ": an empty value (expected values between the commas)");
    }
  }
  return axis;
}

std::vector<std::vector<std::string>> grid_points(const std::vector<SweepAxis>& axes) {
  std::vector<std::vector<std::string>> points{{}};
  for (const SweepAxis& axis : axes) {
    std::vector<std::vector<std::string>> grown;
    for (const auto& point : points) {
      for (const std::string& value : axis.values) {
        grown.push_back(point);
        grown.back().push_back(axis.path + "=" + value);
      }
    }
    points = std::move(grown);
  }
  return points;
}

}  // namespace pushlab::cli
