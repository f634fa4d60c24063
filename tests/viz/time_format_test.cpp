#include "viz/model/time_format.hpp"

#include <doctest/doctest.h>

#include <chrono>

namespace pushlab::viz {

using namespace std::chrono_literals;

TEST_CASE("times print with the unit a person would pick") {
  CHECK(format_time(0ns) == "0 s");
  CHECK(format_time(850us) == "850 us");
  CHECK(format_time(12500us) == "12.5 ms");
  CHECK(format_time(1050ms) == "1.050 s");
  CHECK(format_time(125s) == "2 min 05.000 s");
}

TEST_CASE("durations drop digits as they grow") {
  CHECK(format_duration(850ms) == "850.0 ms");
  CHECK(format_duration(3850ms) == "3.85 s");
  CHECK(format_duration(30s) == "30.0 s");
  CHECK(format_duration(90s) == "1 min 30.000 s");
}

}  // namespace pushlab::viz
