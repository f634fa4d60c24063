#include "viz/model/fitted_title.hpp"

#include <stdexcept>

namespace pushlab::viz {

std::string fitted_title(const std::vector<std::string_view>& wordings, float width,
                         const MeasureWidth& width_of) {
  if (wordings.empty()) throw std::invalid_argument("fitted_title: no wording");
  for (const std::string_view wording : wordings) {
    if (width_of(wording) <= width) return std::string(wording);
  }
  // The shortest cut back until it fits with its "...": at worst "..." alone.
  std::string cut(wordings.back());
  while (!cut.empty() && width_of(cut + "...") > width) cut.pop_back();
  while (!cut.empty() && cut.back() == ' ') cut.pop_back();  // not "Latency ..."
  return cut + "...";
}

}  // namespace pushlab::viz
