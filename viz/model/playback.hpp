#pragma once
// The playhead: where in the run the diagrams stand, whether it moves, and how fast. Speed is
// simulated time per wall-clock time, from 0.01x (a 50 ms transit takes 5 s to watch) to 1000x
// (two minutes of chat pass in a tenth of a second), on a logarithmic slider.

#include "sim/engine/nanoseconds.hpp"

namespace pushlab::viz {

using sim::Nanoseconds;

inline constexpr double kSlowestSpeed = 0.01;
inline constexpr double kFastestSpeed = 1000.0;

class Playback {
 public:
  Playback() = default;
  explicit Playback(Nanoseconds end) : end_(end) {}

  Nanoseconds time() const { return time_; }
  Nanoseconds end() const { return end_; }
  bool playing() const { return playing_; }
  double speed() const { return speed_; }

  // Moves the playhead by `wall_seconds` of playing; stops at the end.
  void advance(double wall_seconds);

  void play();  // from the start again if at the end
  void pause() { playing_ = false; }
  void toggle() { playing_ ? pause() : play(); }
  void seek(Nanoseconds time);  // clamped to the run; keeps playing if it was
  void set_end(Nanoseconds end);
  void set_speed(double speed);  // clamped to 0.01x..1000x
  void faster() { set_speed(speed_ * 2); }
  void slower() { set_speed(speed_ / 2); }

  // The speed slider's position, log10 of the speed: -2..3.
  float slider_position() const;
  void set_slider_position(float position);

 private:
  Nanoseconds time_{0};
  Nanoseconds end_{0};
  double speed_ = 0.1;
  bool playing_ = false;
};

}  // namespace pushlab::viz
