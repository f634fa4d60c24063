#include "sim/json/input_error.hpp"

#include <utility>

namespace pushlab::sim::json {

namespace {

std::string value_message(const std::string& source, const std::string& pointer,
                          const std::string& reason) {
  if (pointer.empty()) return source + ": " + reason;
  return source + ": " + pointer + ": " + reason;
}

std::string syntax_message(const std::string& source, TextPosition position,
                           const std::string& reason) {
  return source + ": line " + std::to_string(position.line) + ", column " +
         std::to_string(position.column) + ": " + reason;
}

}  // namespace

InputError::InputError(std::string source, std::string pointer, std::string reason)
    : std::runtime_error(value_message(source, pointer, reason)),
      source_(std::move(source)),
      pointer_(std::move(pointer)),
      reason_(std::move(reason)) {}

InputError::InputError(std::string source, TextPosition position, std::string reason)
    : std::runtime_error(syntax_message(source, position, reason)),
      source_(std::move(source)),
      reason_(std::move(reason)),
      position_(position) {}

}  // namespace pushlab::sim::json
