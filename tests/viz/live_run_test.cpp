#include "viz/model/live_run.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

namespace pushlab::viz {

namespace {

using namespace std::chrono_literals;

// Calls collect() until a run has been taken in, for at most a few seconds.
bool collect_within_seconds(LiveRun& run) {
  for (int tries = 0; tries < 500; ++tries) {
    if (run.collect()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

sim::Scenario scenario_named(const char* name) {
  sim::Scenario scenario;
  scenario.name = name;
  return scenario;
}

// A stand-in for live::run that reports half way, then waits until released.
struct HeldRunner {
  std::promise<void> halfway;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  double time_scale_seen = 0;

  LiveRunner runner() {
    return [this](const sim::Scenario& scenario, const live::LiveOptions& options) {
      time_scale_seen = options.time_scale;
      options.progress(0.5);
      halfway.set_value();
      released.wait();
      return sim::Trace{.scenario = scenario.name, .source = "live", .duration = 1s, .lanes = {}};
    };
  }
};

}  // namespace

TEST_CASE("a live run goes on its own thread, one at a time, and its Trace is kept") {
  HeldRunner held;
  std::future<void> halfway = held.halfway.get_future();
  LiveRun run(held.runner());
  CHECK_FALSE(run.running());
  sim::Scenario scenario = scenario_named("chat");
  scenario.duration = 10s;
  REQUIRE(run.start(scenario, 8));
  halfway.wait();
  CHECK(run.running());
  CHECK(run.progress() == 0.5);
  CHECK(held.time_scale_seen == 8);
  CHECK(run.wall_length() == 1250ms);                 // a 10 s scenario at 8 times real time
  CHECK_FALSE(run.start(scenario_named("chat"), 8));  // the button is off while one goes
  CHECK_FALSE(run.collect());
  CHECK_FALSE(run.result());

  held.release.set_value();
  REQUIRE(collect_within_seconds(run));
  CHECK_FALSE(run.running());
  REQUIRE(run.result());
  CHECK(run.result()->trace.source == "live");
  CHECK(run.result()->scenario.name == "chat");
  CHECK(run.error().empty());
  CHECK_FALSE(run.collect());  // taken in once
}

TEST_CASE("a live result is stale once the window's scenario changes") {
  LiveRun run([](const sim::Scenario&, const live::LiveOptions&) { return sim::Trace{}; });
  sim::Scenario scenario = scenario_named("chat");
  CHECK_FALSE(run.current_for(scenario));  // nothing has run
  REQUIRE(run.start(scenario, 1));
  REQUIRE(collect_within_seconds(run));
  CHECK(run.current_for(scenario));
  scenario.network.latency = 120ms;  // a slider moved: the simulation runs again, live does not
  CHECK_FALSE(run.current_for(scenario));
  scenario.network.latency = scenario_named("chat").network.latency;  // and moved back
  CHECK(run.current_for(scenario));
}

TEST_CASE("a live run that throws leaves its message, the last good result, and no run going") {
  bool fail = false;
  LiveRun run([&fail](const sim::Scenario& scenario, const live::LiveOptions&) {
    if (fail) throw std::runtime_error("cannot listen on 127.0.0.1:0: too many open files");
    return sim::Trace{.scenario = scenario.name, .source = "live", .duration = 1s, .lanes = {}};
  });
  REQUIRE(run.start(scenario_named("first"), 1));
  REQUIRE(collect_within_seconds(run));
  fail = true;
  REQUIRE(run.start(scenario_named("second"), 1));
  REQUIRE(collect_within_seconds(run));
  CHECK(run.error() == "cannot listen on 127.0.0.1:0: too many open files");
  CHECK_FALSE(run.running());
  REQUIRE(run.result());
  CHECK(run.result()->scenario.name == "first");

  fail = false;  // a good run afterwards clears the error
  REQUIRE(run.start(scenario_named("third"), 1));
  REQUIRE(collect_within_seconds(run));
  CHECK(run.error().empty());
  CHECK(run.result()->scenario.name == "third");
}

TEST_CASE("the default time scale makes a live run last about 15 s, never faster than life") {
  CHECK(default_time_scale(120s) == doctest::Approx(8));
  CHECK(default_time_scale(30s) == doctest::Approx(2));
  CHECK(default_time_scale(10s) == 1);
  CHECK(default_time_scale(0s) == 1);
  CHECK(wall_time(120s, 8) == 15s);
  CHECK(wall_time(10s, 1) == 10s);
  CHECK(wall_time(1s, 4) == 250ms);
}

}  // namespace pushlab::viz
