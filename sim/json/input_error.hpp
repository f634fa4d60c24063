#pragma once
// Why an input (a scenario, a trace, a lesson) could not be read, precise enough to fix the file
// without guessing.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

namespace pushlab::sim::json {

// Where a syntax error sits in the text, both counted from 1.
struct TextPosition {
  std::size_t line = 0;
  std::size_t column = 0;
  bool operator==(const TextPosition&) const = default;
};

// what() is one line: "SOURCE: POINTER: REASON" for a bad value ("POINTER: " is left out at the
// root), "SOURCE: line L, column C: REASON" for text that is not JSON, "SOURCE: REASON" for a file
// that cannot be read or written. The parts stay available for a GUI that shows them separately.
class InputError : public std::runtime_error {
 public:
  InputError(std::string source, std::string pointer, std::string reason);
  InputError(std::string source, TextPosition position, std::string reason);

  const std::string& source() const noexcept { return source_; }
  // A JSON pointer (RFC 6901) to the bad value; empty for the root, a syntax or a file error.
  const std::string& pointer() const noexcept { return pointer_; }
  // What is wrong, usually followed by "(expected ...)".
  const std::string& reason() const noexcept { return reason_; }
  // Set for syntax errors only.
  const std::optional<TextPosition>& position() const noexcept { return position_; }

 private:
  std::string source_;
  std::string pointer_;
  std::string reason_;
  std::optional<TextPosition> position_;
};

}  // namespace pushlab::sim::json
