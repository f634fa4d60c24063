#include "viz/model/time_axis.hpp"

#include <doctest/doctest.h>

#include <chrono>

namespace pushlab::viz {

using namespace std::chrono_literals;

TEST_CASE("without compression, y grows at the zoom's scale") {
  const TimeAxis axis({}, 10s, {.pixels_per_second = 100, .compress_idle = false});
  CHECK(axis.y_of(0s) == 0);
  CHECK(axis.y_of(2s) == doctest::Approx(200));
  CHECK(axis.height() == doctest::Approx(1000));
  CHECK(axis.breaks().empty());
  CHECK(axis.y_of(20s) == doctest::Approx(1000));  // clamped to the run
}

TEST_CASE("a long idle stretch is drawn short, with a break mark; busy stretches keep scale") {
  // Busy 1.00 s to 1.05 s and 31.00 s to 31.05 s: 30 s of silence between them.
  const AxisScale scale{.pixels_per_second = 1000, .max_idle_height = 40, .busy_margin = 10};
  const TimeAxis axis({{1s, 1050ms}, {31s, 31050ms}}, 40s, scale);
  // The first frame's 50 ms flight is 50 px tall, as at true scale.
  CHECK(axis.y_of(1050ms) - axis.y_of(1s) == doctest::Approx(50).epsilon(0.001));
  CHECK(axis.y_of(31050ms) - axis.y_of(31s) == doctest::Approx(50).epsilon(0.001));
  // The hold between them is a break of 40 px plus the margins, not 30,000 px.
  const float gap = axis.y_of(31s) - axis.y_of(1050ms);
  CHECK(gap == doctest::Approx(40 + 2 * 10).epsilon(0.01));
  // Breaks before the first frame, between the two, and after the last.
  REQUIRE(axis.breaks().size() == 3);
  const AxisBreak& middle = axis.breaks()[1];
  CHECK(middle.height == 40);
  CHECK(middle.span.begin == 1060ms);
  CHECK(middle.span.end == 30990ms);
}

TEST_CASE("a short idle stretch is not compressed") {
  const AxisScale scale{.pixels_per_second = 1000, .max_idle_height = 40, .busy_margin = 0};
  const TimeAxis axis({{0s, 10ms}, {30ms, 40ms}}, 40ms, scale);
  CHECK(axis.breaks().empty());
  CHECK(axis.y_of(30ms) == doctest::Approx(30));
}

TEST_CASE("time_at inverts y_of, inside breaks too") {
  const AxisScale scale{.pixels_per_second = 2000, .max_idle_height = 30, .busy_margin = 5};
  const TimeAxis axis({{100ms, 150ms}, {5s, 5100ms}, {7s, 7001ms}}, 9s, scale);
  for (const auto time : {0ms, 100ms, 120ms, 2000ms, 5050ms, 6000ms, 7000ms, 9000ms}) {
    const auto back = axis.time_at(axis.y_of(time));
    // Within what one pixel stands for where the axis is most compressed.
    CHECK(std::chrono::abs(back - time) < 200ms);
  }
  CHECK(axis.time_at(-5) == 0ms);
  CHECK(axis.time_at(axis.height() + 100) == 9s);
}

}  // namespace pushlab::viz
