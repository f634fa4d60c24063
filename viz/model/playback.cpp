#include "viz/model/playback.hpp"

#include <algorithm>
#include <cmath>

namespace pushlab::viz {

void Playback::advance(double wall_seconds) {
  if (!playing_ || wall_seconds <= 0) return;
  const double step_ns = wall_seconds * speed_ * 1e9;
  const double room_ns = static_cast<double>((end_ - time_).count());
  if (step_ns >= room_ns) {
    time_ = end_;
    playing_ = false;
    return;
  }
  time_ += Nanoseconds{static_cast<Nanoseconds::rep>(step_ns)};
}

void Playback::play() {
  if (time_ >= end_) time_ = Nanoseconds{0};
  playing_ = true;
}

void Playback::seek(Nanoseconds time) {
  time_ = std::clamp(time, Nanoseconds{0}, end_);
}

void Playback::set_end(Nanoseconds end) {
  end_ = std::max(end, Nanoseconds{0});
  time_ = std::min(time_, end_);
}

void Playback::set_speed(double speed) {
  speed_ = std::clamp(speed, kSlowestSpeed, kFastestSpeed);
}

float Playback::slider_position() const {
  return static_cast<float>(std::log10(speed_));
}

void Playback::set_slider_position(float position) {
  set_speed(std::pow(10.0, static_cast<double>(position)));
}

}  // namespace pushlab::viz
