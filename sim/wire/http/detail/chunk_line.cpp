#include "sim/wire/http/detail/chunk_line.hpp"

#include <optional>

#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::sim::wire::http::detail {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<DecodeError> check_extensions(std::string_view rest, std::uint64_t offset) {
  std::size_t i = 0;
  while (i < rest.size() && is_ows(rest[i])) ++i;
  if (i == rest.size() && i > 0) return DecodeError{"bad chunk size", offset};  // "5 \r\n"
  if (i == rest.size()) return std::nullopt;
  if (rest[i] != ';') return DecodeError{"bad chunk size", offset + i};
  if (const std::size_t bad = first_not(rest, is_field_value_char); bad < rest.size()) {
    return DecodeError{"bad chunk extension", offset + bad};
  }
  return std::nullopt;
}

}  // namespace

std::variant<std::uint64_t, DecodeError> parse_chunk_size_line(std::string_view line,
                                                               std::uint64_t offset) {
  std::uint64_t size = 0;
  std::size_t digits = 0;
  for (; digits < line.size() && hex_value(line[digits]) >= 0; ++digits) {
    if (size >> 60 != 0) return DecodeError{"bad chunk size", offset + digits};  // would overflow
    size = size << 4 | static_cast<std::uint64_t>(hex_value(line[digits]));
  }
  if (digits == 0) return DecodeError{"bad chunk size", offset};
  if (auto error = check_extensions(line.substr(digits), offset + digits)) return *error;
  return size;
}

}  // namespace pushlab::sim::wire::http::detail
