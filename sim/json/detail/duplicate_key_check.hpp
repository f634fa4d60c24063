#pragma once
// nlohmann's parser keeps only one of two equal keys in an object, silently. Given to the parser as
// its callback, this turns a repeated key into an InputError, so no setting is quietly lost.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/json/json.hpp"

namespace pushlab::sim::json::detail {

class DuplicateKeyCheck {
 public:
  explicit DuplicateKeyCheck(std::string_view source) : source_(source) {}

  // The parser's callback: always keeps the value (returns true) or throws.
  bool operator()(int depth, Json::parse_event_t event, Json& parsed);

 private:
  // One open object or array, and the key or index of the value being read in it.
  struct Level {
    bool is_array = false;
    std::set<std::string> keys;
    std::string token;
    std::size_t next_index = 0;
  };

  void start_value();
  void check_key(const std::string& key);

  std::string_view source_;
  std::vector<Level> levels_;
};

}  // namespace pushlab::sim::json::detail
