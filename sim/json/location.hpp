#pragma once
// Where a value sits in an input: the source it came from (a file name as the user wrote it) and
// its JSON pointer. Readers carry one down the tree so that any failure can name its place.
//
//   Location("chat.json").field("traffic").item(2).fail("...")
//   // throws InputError: "chat.json: /traffic/2: ..."

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "sim/json/json.hpp"

namespace pushlab::sim::json {

class Location {
 public:
  explicit Location(std::string_view source) : source_(source) {}

  Location field(std::string_view name) const { return {source_, pointer_ / std::string(name)}; }
  Location item(std::size_t index) const { return {source_, pointer_ / index}; }
  std::string_view source() const { return source_; }
  std::string pointer() const { return pointer_.to_string(); }

  // Throws InputError(source, pointer, reason).
  [[noreturn]] void fail(std::string reason) const;

 private:
  Location(std::string_view source, Json::json_pointer pointer)
      : source_(source), pointer_(std::move(pointer)) {}

  std::string_view source_;  // outlives every Location: it names the input being read
  Json::json_pointer pointer_;
};

}  // namespace pushlab::sim::json
