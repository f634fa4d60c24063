#include "sim/net/duration_text.hpp"

#include <cstdio>

namespace pushlab::sim {

std::string duration_text(Nanoseconds duration) {
  const double ns = static_cast<double>(duration.count());
  const bool seconds = ns >= 1e9 || ns <= -1e9;
  char text[32];
  // %g drops trailing zeros: 60 s, 1.5 s; four significant digits are plenty for a note.
  std::snprintf(text, sizeof text, "%.4g %s", seconds ? ns / 1e9 : ns / 1e6, seconds ? "s" : "ms");
  return text;
}

}  // namespace pushlab::sim
