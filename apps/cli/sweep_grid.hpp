#pragma once
// The grid `pushlab-cli sweep --vary` runs: each --vary names a scenario path and the values
// it takes, and the grid is every combination of them, as `run --set` settings.

#include <string>
#include <vector>

namespace pushlab::cli {

// One --vary: "cluster.servers=1,2,4" is the path and the JSON values "1", "2", "4".
struct SweepAxis {
  std::string path;
  std::vector<std::string> values;  // JSON text, each a --set value
};

// Values are JSON separated by commas (1,2,4 or '"immediate","full-jitter"'); a list that is
// not JSON is split at its commas into strings (immediate,full-jitter). Throws InputError.
SweepAxis parse_vary(const std::string& text);

// Every combination, the first axis changing slowest: each point a list of "path=value".
std::vector<std::vector<std::string>> grid_points(const std::vector<SweepAxis>& axes);

}  // namespace pushlab::cli
