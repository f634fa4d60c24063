#pragma once
// How the body of a message is delimited (RFC 9112 section 6.3): what Content-Length and
// Transfer-Encoding say, gathered field by field so that a contradiction is reported at the
// field that makes it, then the plan for the body once the head is complete.

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "sim/wire/decode_error.hpp"
#include "sim/wire/http/detail/field_line.hpp"

namespace pushlab::sim::wire::http::detail {

struct FramingFacts {
  std::optional<std::uint64_t> content_length;
  std::uint64_t content_length_offset = 0;  // where the first Content-Length value starts
  bool has_transfer_encoding = false;
  bool chunked_is_final = false;
  std::uint64_t final_coding_offset = 0;
  std::optional<std::uint64_t> coding_after_chunked_offset;  // "chunked, gzip"
};

// Notes a Content-Length or Transfer-Encoding field (others are ignored). `line_offset` is where
// the field line starts.
std::optional<DecodeError> note_framing_field(FramingFacts& facts, const FieldLine& line,
                                              std::uint64_t line_offset);

// Content-Length = 1*DIGIT, or a list of identical values ("42, 42"), which RFC 9110 section 8.6
// lets a recipient accept. `offset` is the stream offset of the value.
std::variant<std::uint64_t, DecodeError> parse_content_length(std::string_view value,
                                                              std::uint64_t offset);

enum class BodyKind { kNone, kLength, kChunked, kUntilClose };

struct BodyPlan {
  BodyKind kind = BodyKind::kNone;
  std::uint64_t length = 0;   // kLength
  bool then_upgrade = false;  // the bytes after this message are another protocol
};

// A request has a body only if its fields say so, and it must be one a server can delimit.
std::variant<BodyPlan, DecodeError> plan_request_body(const FramingFacts& facts);

// A response also depends on its status and on the method of the request it answers.
BodyPlan plan_response_body(const FramingFacts& facts, int status, std::string_view request_method);

}  // namespace pushlab::sim::wire::http::detail
