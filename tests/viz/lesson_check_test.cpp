#include "viz/model/lesson_check.hpp"

#include <doctest/doctest.h>

#include <string>

#include "tests/viz/lesson_project.hpp"

namespace pushlab::viz {

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a lesson step pointing at what exists passes") {
  const testing::LessonProject project;
  CHECK(project.check(R"({"scenario": "scenarios/chat.json", "at": 1.1, "lanes": ["websocket"],
                          "select": "101", "set": {"proxy.enabled": true}})") == "");
}

TEST_CASE("what a lesson points at must exist: scenario, field, lane, time, frame") {
  const testing::LessonProject project;
  CHECK(contains(project.check(R"({"scenario": "scenarios/nope.json"})"),
                 "01-test.md: line 5: /scenario: "));
  CHECK(contains(project.check(R"({"scenario": "scenarios/chat.json", "at": 500})"),
                 "line 5: /at: 8 min 20.000 s is past the end of the run (2 min 00.000 s)"));
  CHECK(contains(project.check(R"({"scenario": "scenarios/chat.json", "select": "999 Nope"})"),
                 "line 5: /select: "));
  CHECK(contains(project.check(R"({"scenario": "scenarios/chat.json",
                                   "set": {"proxy.strip_upgradex": true}})"),
                 "line 5: /set: \"proxy.strip_upgradex\" names no field of a scenario"));
  CHECK(contains(project.check(R"({"scenario": "scenarios/chat.json",
                                   "set": {"network.latency_ms": -5}})"),
                 "line 5: /network/latency_ms: "));
  CHECK(contains(project.check(R"({"at": 1})"), "line 5: no scenario yet"));
}

}  // namespace pushlab::viz
