#include "viz/model/playback.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>

namespace pushlab::viz {

using namespace std::chrono_literals;

TEST_CASE("playing moves the playhead by wall time times speed, and stops at the end") {
  Playback playback(10s);
  playback.set_speed(2);
  playback.advance(1.0);
  CHECK(playback.time() == 0s);  // paused: nothing moves
  playback.play();
  playback.advance(1.5);
  CHECK(playback.time() == 3s);
  playback.advance(10);
  CHECK(playback.time() == 10s);
  CHECK_FALSE(playback.playing());
  playback.play();  // at the end, play starts again
  CHECK(playback.time() == 0s);
  CHECK(playback.playing());
}

TEST_CASE("speed stays within 0.01x and 1000x, on a log slider") {
  Playback playback(1s);
  playback.set_speed(5000);
  CHECK(playback.speed() == kFastestSpeed);
  playback.set_slider_position(-2);
  CHECK(playback.speed() == doctest::Approx(0.01));
  playback.slower();
  CHECK(playback.speed() == kSlowestSpeed);
  playback.set_slider_position(1);
  CHECK(playback.speed() == doctest::Approx(10));
  playback.faster();
  CHECK(playback.slider_position() == doctest::Approx(std::log10(20.0)));
}

TEST_CASE("seeking is clamped to the run, and a shorter run pulls the playhead back") {
  Playback playback(4s);
  playback.seek(-1s);
  CHECK(playback.time() == 0s);
  playback.seek(3s);
  CHECK(playback.time() == 3s);
  playback.set_end(2s);
  CHECK(playback.time() == 2s);
}

}  // namespace pushlab::viz
