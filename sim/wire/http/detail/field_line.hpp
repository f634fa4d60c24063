#pragma once
// One `name: value` line of a header or trailer section (RFC 9112 section 5).

#include <cstdint>
#include <string_view>
#include <variant>

#include "sim/wire/decode_error.hpp"
#include "sim/wire/http/fields.hpp"

namespace pushlab::sim::wire::http::detail {

struct FieldLine {
  Field field;                     // the value without the whitespace around it
  std::uint64_t value_offset = 0;  // stream offset of the value's first byte
};

// `offset` is the stream offset of the line's first byte; `line` has no line end and is not
// empty. `first_in_section` tells a folded line (which continues the previous field) from a
// section that starts with whitespace.
std::variant<FieldLine, DecodeError> parse_field_line(std::string_view line, std::uint64_t offset,
                                                      bool first_in_section);

}  // namespace pushlab::sim::wire::http::detail
