#include "viz/model/time_axis.hpp"

#include <algorithm>
#include <cmath>

namespace pushlab::viz {

namespace {

// The busy spans widened by `margin`, clamped to the run, sorted and merged.
std::vector<TimeSpan> merge(std::vector<TimeSpan> spans, Nanoseconds margin, Nanoseconds duration) {
  for (TimeSpan& span : spans) {
    span.begin = std::clamp(span.begin - margin, Nanoseconds{0}, duration);
    span.end = std::clamp(std::max(span.begin, span.end + margin), Nanoseconds{0}, duration);
  }
  std::sort(spans.begin(), spans.end(),
            [](const TimeSpan& a, const TimeSpan& b) { return a.begin < b.begin; });
  std::vector<TimeSpan> merged;
  for (const TimeSpan& span : spans) {
    if (!merged.empty() && span.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, span.end);
    } else {
      merged.push_back(span);
    }
  }
  return merged;
}

}  // namespace

TimeAxis::TimeAxis(std::vector<TimeSpan> busy, Nanoseconds duration, const AxisScale& scale)
    : duration_(std::max(duration, Nanoseconds{0})), scale_(scale) {
  const double true_scale = scale.pixels_per_second * 1e-9;
  pieces_.push_back({.start = Nanoseconds{0}, .y = 0, .pixels_per_ns = true_scale});
  if (!scale.compress_idle || true_scale <= 0) return;

  const auto margin = Nanoseconds{std::llround(scale.busy_margin / true_scale)};
  Nanoseconds idle_from{0};
  auto compress_idle_until = [&](Nanoseconds idle_to) {
    const Nanoseconds idle = idle_to - idle_from;
    if (static_cast<double>(idle.count()) * true_scale <= scale.max_idle_height) return;
    add_piece(idle_from, scale.max_idle_height / static_cast<double>(idle.count()));
    breaks_.push_back(
        {.y = y_of(idle_from), .height = scale.max_idle_height, .span = {idle_from, idle_to}});
    add_piece(idle_to, true_scale);
  };
  for (const TimeSpan& span : merge(std::move(busy), margin, duration_)) {
    compress_idle_until(span.begin);
    idle_from = span.end;
  }
  compress_idle_until(duration_);
}

void TimeAxis::add_piece(Nanoseconds start, double pixels_per_ns) {
  const float y = y_of(start);
  if (pieces_.back().start == start) pieces_.pop_back();
  pieces_.push_back({.start = start, .y = y, .pixels_per_ns = pixels_per_ns});
}

float TimeAxis::y_of(Nanoseconds time) const {
  time = std::clamp(time, Nanoseconds{0}, duration_);
  const auto after = std::upper_bound(pieces_.begin(), pieces_.end(), time,
                                      [](Nanoseconds t, const Piece& p) { return t < p.start; });
  const Piece& piece = *std::prev(after);
  return piece.y + static_cast<float>(static_cast<double>((time - piece.start).count()) *
                                      piece.pixels_per_ns);
}

Nanoseconds TimeAxis::time_at(float y) const {
  const auto after = std::upper_bound(pieces_.begin(), pieces_.end(), y,
                                      [](float value, const Piece& p) { return value < p.y; });
  if (after == pieces_.begin()) return Nanoseconds{0};
  const Piece& piece = *std::prev(after);
  const double offset = piece.pixels_per_ns > 0 ? (y - piece.y) / piece.pixels_per_ns : 0;
  const auto time = piece.start + Nanoseconds{static_cast<Nanoseconds::rep>(std::llround(offset))};
  return std::clamp(time, Nanoseconds{0}, duration_);
}

}  // namespace pushlab::viz
