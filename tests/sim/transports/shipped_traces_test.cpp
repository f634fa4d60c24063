// The Trace of every shipped scenario, pinned by its SHA-1. A change that moves a figure of a
// shipped scenario moves its hash: such a change is made on purpose, in the commit that says
// why, with the hashes written again by scripts/trace-hashes.sh. Others (a cluster section, a
// new transport's lane elsewhere) must leave them where they are.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "sim/scenario/load.hpp"
#include "sim/trace/trace_json.hpp"
#include "sim/transports/simulate.hpp"
#include "sim/wire/hex.hpp"
#include "sim/wire/sha1.hpp"

namespace pushlab::sim {

namespace {

// "chat.json 3f9a..." lines, '#' comments.
std::map<std::string, std::string> recorded_hashes() {
  std::ifstream file(PUSHLAB_SOURCE_DIR "/tests/sim/transports/shipped_trace_hashes.txt");
  REQUIRE(file);
  std::map<std::string, std::string> hashes;
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line.front() == '#') continue;
    std::istringstream fields(line);
    std::string name;
    std::string hash;
    fields >> name >> hash;
    hashes[name] = hash;
  }
  return hashes;
}

// As `pushlab-cli run SCENARIO --trace-out FILE` writes it, so sha1sum of that file agrees.
std::string trace_hash(const Trace& trace) {
  const std::string text = to_json(trace).dump(2) + "\n";
  return wire::to_hex(wire::sha1(wire::to_bytes(text)), "");
}

}  // namespace

TEST_CASE("every shipped scenario simulates to the Trace its recorded hash names") {
  const std::map<std::string, std::string> recorded = recorded_hashes();
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(PUSHLAB_SOURCE_DIR "/scenarios")) {
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    const auto hash = recorded.find(name);
    REQUIRE_MESSAGE(hash != recorded.end(), "no hash recorded: run scripts/trace-hashes.sh");
    CHECK(trace_hash(simulate(load_scenario_file(entry.path()))) == hash->second);
    ++checked;
  }
  CHECK(checked == recorded.size());  // no hash of a scenario that is gone
}

}  // namespace pushlab::sim
