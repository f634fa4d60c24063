#include "sim/wire/http/detail/start_line.hpp"

#include <algorithm>
#include <string>

#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::sim::wire::http::detail {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Request targets are URIs: visible ASCII, no spaces (RFC 3986; RFC 9112 section 3.2).
bool is_target_char(char c) {
  return c > 0x20 && c < 0x7f;
}

std::size_t end_of_word(std::string_view line, std::size_t from) {
  return std::min(line.find(' ', from), line.size());
}

// HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 section 2.3), case-sensitive.
std::optional<DecodeError> check_version(std::string_view text, std::uint64_t offset,
                                         const std::string& line_kind) {
  constexpr std::string_view kShape = "HTTP/#.#";
  const std::size_t common = std::min(text.size(), kShape.size());
  for (std::size_t i = 0; i < common; ++i) {
    const bool fits = kShape[i] == '#' ? is_digit(text[i]) : text[i] == kShape[i];
    if (!fits) return DecodeError{line_kind + ": malformed HTTP version", offset + i};
  }
  if (text.size() != kShape.size()) {
    return DecodeError{line_kind + ": malformed HTTP version", offset + common};
  }
  if (!is_supported_version(text)) {
    return DecodeError{"unsupported HTTP version", offset + (text[5] != '1' ? 5 : 7)};
  }
  return std::nullopt;
}

// status-code = 3DIGIT, and RFC 9110 section 15 keeps them within 100..599.
std::optional<DecodeError> check_status_code(std::string_view code, std::uint64_t offset) {
  for (std::size_t i = 0; i < 3; ++i) {
    if (i >= code.size() || !is_digit(code[i])) {
      return DecodeError{"bad status line: status code must be 3 digits", offset + i};
    }
  }
  if (code.size() > 3)
    return DecodeError{"bad status line: status code must be 3 digits", offset + 3};
  if (code[0] == '0' || code[0] > '5') {
    return DecodeError{"bad status line: status code must be between 100 and 599", offset};
  }
  return std::nullopt;
}

}  // namespace

bool is_request_target(std::string_view target) {
  return !target.empty() && first_not(target, is_target_char) == target.size();
}

bool is_supported_version(std::string_view version) {
  return version == "HTTP/1.1" || version == "HTTP/1.0";
}

std::optional<DecodeError> parse_start_line(std::string_view line, std::uint64_t offset,
                                            Request& request) {
  const std::size_t method_end = end_of_word(line, 0);
  const std::string_view method = line.substr(0, method_end);
  const std::size_t bad_in_method = first_not(method, is_tchar);
  if (method.empty() || bad_in_method < method.size()) {
    return DecodeError{"bad request line: method is not a token", offset + bad_in_method};
  }
  if (method_end == line.size()) {
    return DecodeError{"bad request line: missing request target", offset + line.size()};
  }
  const std::size_t target_begin = method_end + 1;
  const std::size_t target_end = end_of_word(line, target_begin);
  const std::string_view target = line.substr(target_begin, target_end - target_begin);
  if (target.empty()) {
    return DecodeError{"bad request line: request target is empty", offset + target_begin};
  }
  if (const std::size_t bad = first_not(target, is_target_char); bad < target.size()) {
    return DecodeError{"bad request line: invalid character in request target",
                       offset + target_begin + bad};
  }
  if (target_end == line.size()) {
    return DecodeError{"bad request line: missing HTTP version", offset + line.size()};
  }
  const std::string_view version = line.substr(target_end + 1);
  if (auto error = check_version(version, offset + target_end + 1, "bad request line")) {
    return error;
  }
  request.method = method;
  request.target = target;
  request.version = version;
  return std::nullopt;
}

// The reason phrase may be missing with the space before it ("HTTP/1.1 200"): RFC 9112 asks
// for the space, but clients ignore the reason anyway, and so do we.
std::optional<DecodeError> parse_start_line(std::string_view line, std::uint64_t offset,
                                            Response& response) {
  const std::size_t version_end = end_of_word(line, 0);
  const std::string_view version = line.substr(0, version_end);
  if (auto error = check_version(version, offset, "bad status line")) return error;
  if (version_end == line.size()) {
    return DecodeError{"bad status line: status code must be 3 digits", offset + line.size()};
  }
  const std::size_t code_begin = version_end + 1;
  const std::size_t code_end = end_of_word(line, code_begin);
  const std::string_view code = line.substr(code_begin, code_end - code_begin);
  if (auto error = check_status_code(code, offset + code_begin)) return error;
  const std::string_view reason = code_end < line.size() ? line.substr(code_end + 1) : "";
  if (const std::size_t bad = first_not(reason, is_field_value_char); bad < reason.size()) {
    return DecodeError{"bad status line: invalid character in reason phrase",
                       offset + code_end + 1 + bad};
  }
  response.version = version;
  response.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  response.reason = reason;
  return std::nullopt;
}

}  // namespace pushlab::sim::wire::http::detail
