#include "sim/json/detail/duplicate_key_check.hpp"

#include "sim/json/location.hpp"

namespace pushlab::sim::json::detail {

bool DuplicateKeyCheck::operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
  switch (event) {
    case Json::parse_event_t::object_start:
    case Json::parse_event_t::array_start:
      start_value();
      levels_.emplace_back().is_array = event == Json::parse_event_t::array_start;
      break;
    case Json::parse_event_t::object_end:
    case Json::parse_event_t::array_end:
      levels_.pop_back();
      break;
    case Json::parse_event_t::key:
      check_key(parsed.get_ref<const std::string&>());
      break;
    case Json::parse_event_t::value:
      start_value();
      break;
  }
  return true;
}

// In an array, each value takes the next index; in an object its key was set by check_key.
void DuplicateKeyCheck::start_value() {
  if (levels_.empty() || !levels_.back().is_array) return;
  levels_.back().token = std::to_string(levels_.back().next_index++);
}

void DuplicateKeyCheck::check_key(const std::string& key) {
  Level& object = levels_.back();
  object.token = key;
  if (object.keys.insert(key).second) return;
  Location where(source_);
  for (const Level& level : levels_) where = where.field(level.token);
  where.fail("duplicate field (expected each field once per object)");
}

}  // namespace pushlab::sim::json::detail
