#include "viz/model/time_format.hpp"

#include <cstdio>

namespace pushlab::viz {

namespace {

std::string printed(const char* format, double value) {
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

}  // namespace

std::string format_time(sim::Nanoseconds time) {
  const double ns = static_cast<double>(time.count());
  if (time.count() == 0) return "0 s";
  if (ns < 1e6) return printed("%.0f us", ns / 1e3);
  if (ns < 1e9) return printed("%.1f ms", ns / 1e6);
  if (ns < 60e9) return printed("%.3f s", ns / 1e9);
  const auto minutes = static_cast<long long>(ns / 60e9);
  return std::to_string(minutes) + " min " + printed("%06.3f s", ns / 1e9 - 60.0 * minutes);
}

std::string format_duration(sim::Nanoseconds duration) {
  const double ns = static_cast<double>(duration.count());
  if (ns < 1e9) return format_time(duration);
  if (ns < 10e9) return printed("%.2f s", ns / 1e9);
  if (ns < 60e9) return printed("%.1f s", ns / 1e9);
  return format_time(duration);
}

}  // namespace pushlab::viz
