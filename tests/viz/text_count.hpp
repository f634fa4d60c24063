#pragma once
// How often a piece of text occurs in another: for tests of what an export or diagram wrote.

#include <cstddef>
#include <string>

namespace pushlab::viz::testing {

inline std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t found = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++found;
  return found;
}

}  // namespace pushlab::viz::testing
