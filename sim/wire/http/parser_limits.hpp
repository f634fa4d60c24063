#pragma once
// How much a parser accepts before it calls the input hostile. The limits are checked as bytes
// arrive, so a peer that never sends a line end cannot make a parser buffer without bound.

#include <cstddef>
#include <cstdint>

namespace pushlab::sim::wire::http {

struct ParserLimits {
  // Start line, fields and the empty line that ends them, line ends included. Also the most a
  // chunk size line and a trailer section may take.
  std::size_t max_head_bytes = 8192;
  std::uint64_t max_body_bytes = 8 << 20;  // the body's own bytes, without chunked framing
  std::size_t max_fields = 100;            // in the header section, and in the trailer section
};

// For a reader that takes a body piece by piece as it comes and keeps none of it, as a browser
// reads a response: a body's length is then no sign of hostility, and an event stream may
// rightly never end.
inline constexpr ParserLimits kStreamedBodyLimits{.max_body_bytes = UINT64_MAX};

}  // namespace pushlab::sim::wire::http
