#include "sim/wire/http/detail/framing.hpp"

#include <limits>

#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::sim::wire::http::detail {

namespace {

constexpr std::string_view kBothLengths =
    "both Content-Length and Transfer-Encoding (request smuggling risk)";
constexpr std::string_view kChunkedNotFinal = "chunked must be the final transfer coding";

std::variant<std::uint64_t, DecodeError> parse_decimal(std::string_view digits,
                                                       std::uint64_t offset) {
  if (digits.empty()) return DecodeError{"invalid Content-Length", offset};
  std::uint64_t value = 0;
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const char c = digits[i];
    if (c < '0' || c > '9') return DecodeError{"invalid Content-Length", offset + i};
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (kMax - digit) / 10) return DecodeError{"invalid Content-Length", offset + i};
    value = value * 10 + digit;
  }
  return value;
}

std::optional<DecodeError> note_content_length(FramingFacts& facts, const FieldLine& line) {
  auto parsed = parse_content_length(line.field.value, line.value_offset);
  if (auto* error = std::get_if<DecodeError>(&parsed)) return *error;
  const std::uint64_t length = std::get<std::uint64_t>(parsed);
  if (facts.content_length && *facts.content_length != length) {
    return DecodeError{"conflicting Content-Length values", line.value_offset};
  }
  if (!facts.content_length) facts.content_length_offset = line.value_offset;
  facts.content_length = length;
  return std::nullopt;
}

std::optional<DecodeError> note_transfer_codings(FramingFacts& facts, const FieldLine& line) {
  const std::string_view value = line.field.value;
  bool names_a_coding = false;
  for (const std::string_view element : split_list(value)) {
    if (element.empty()) continue;  // "a, , b": empty list elements do not count
    const auto offset =
        line.value_offset + static_cast<std::uint64_t>(element.data() - value.data());
    const std::string_view coding = trim_ows(element.substr(0, element.find(';')));
    if (!is_token(coding)) return DecodeError{"invalid Transfer-Encoding", offset};
    if (facts.chunked_is_final && !facts.coding_after_chunked_offset) {
      facts.coding_after_chunked_offset = offset;
    }
    facts.chunked_is_final = iequals(coding, "chunked");
    facts.final_coding_offset = offset;
    names_a_coding = true;
  }
  if (!names_a_coding) return DecodeError{"Transfer-Encoding names no coding", line.value_offset};
  facts.has_transfer_encoding = true;
  return std::nullopt;
}

}  // namespace

std::optional<DecodeError> note_framing_field(FramingFacts& facts, const FieldLine& line,
                                              std::uint64_t line_offset) {
  const std::string& name = line.field.name;
  if (iequals(name, "Content-Length")) {
    if (facts.has_transfer_encoding) return DecodeError{std::string(kBothLengths), line_offset};
    return note_content_length(facts, line);
  }
  if (iequals(name, "Transfer-Encoding")) {
    if (facts.content_length) return DecodeError{std::string(kBothLengths), line_offset};
    return note_transfer_codings(facts, line);
  }
  return std::nullopt;
}

std::variant<std::uint64_t, DecodeError> parse_content_length(std::string_view value,
                                                              std::uint64_t offset) {
  std::optional<std::uint64_t> length;
  for (const std::string_view element : split_list(value)) {
    const auto element_offset = offset + static_cast<std::uint64_t>(element.data() - value.data());
    auto parsed = parse_decimal(element, element_offset);
    if (std::holds_alternative<DecodeError>(parsed)) return parsed;
    if (length && *length != std::get<std::uint64_t>(parsed)) {
      return DecodeError{"conflicting Content-Length values", element_offset};
    }
    length = std::get<std::uint64_t>(parsed);
  }
  return *length;  // split_list always yields at least one element
}

std::variant<BodyPlan, DecodeError> plan_request_body(const FramingFacts& facts) {
  if (facts.has_transfer_encoding) {
    // RFC 9112 section 6.3: without chunked last, a server cannot tell where the body ends.
    if (facts.coding_after_chunked_offset) {
      return DecodeError{std::string(kChunkedNotFinal), *facts.coding_after_chunked_offset};
    }
    if (!facts.chunked_is_final) {
      return DecodeError{std::string(kChunkedNotFinal), facts.final_coding_offset};
    }
    return BodyPlan{.kind = BodyKind::kChunked};
  }
  if (facts.content_length)
    return BodyPlan{.kind = BodyKind::kLength, .length = *facts.content_length};
  return BodyPlan{};
}

BodyPlan plan_response_body(const FramingFacts& facts, int status,
                            std::string_view request_method) {
  if (status == 101) return BodyPlan{.then_upgrade = true};
  const bool has_no_content = status < 200 || status == 204 || status == 304;
  if (has_no_content || iequals(request_method, "HEAD")) return BodyPlan{};
  // A 2xx answer to CONNECT turns the connection into a tunnel (RFC 9110 section 9.3.6).
  if (iequals(request_method, "CONNECT") && status / 100 == 2)
    return BodyPlan{.then_upgrade = true};
  if (facts.has_transfer_encoding) {
    const bool chunked = facts.chunked_is_final && !facts.coding_after_chunked_offset;
    return BodyPlan{.kind = chunked ? BodyKind::kChunked : BodyKind::kUntilClose};
  }
  if (facts.content_length)
    return BodyPlan{.kind = BodyKind::kLength, .length = *facts.content_length};
  return BodyPlan{.kind = BodyKind::kUntilClose};
}

}  // namespace pushlab::sim::wire::http::detail
