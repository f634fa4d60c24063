#pragma once
// How a line that is not blank and not a comment splits into a field name and value
// (WHATWG HTML, section 9.2.6): at the first colon, with one space after it dropped. A line
// without a colon is a name with an empty value.

#include <string_view>

namespace pushlab::sim::wire::sse {

struct Field {
  std::string_view name;
  std::string_view value;
};

inline Field split_field(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return {line, {}};
  std::string_view value = line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return {line.substr(0, colon), value};
}

}  // namespace pushlab::sim::wire::sse
