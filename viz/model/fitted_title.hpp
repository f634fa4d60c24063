#pragma once
// A title that fits its space: the longest of its wordings, from full to short, that fits the
// width; when even the shortest does not, it is cut at a character with "..." after it, so a
// learner sees that there is more (and the panel gives the full title on hover).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pushlab::viz {

// The width a text takes on screen.
using MeasureWidth = std::function<float(std::string_view text)>;

// `wordings` runs from the full title to the shortest; it must not be empty.
std::string fitted_title(const std::vector<std::string_view>& wordings, float width,
                         const MeasureWidth& width_of);

}  // namespace pushlab::viz
