#include "sim/wire/http/detail/field_line.hpp"

#include <algorithm>
#include <string>

#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::sim::wire::http::detail {

namespace {

DecodeError whitespace_at_start(std::uint64_t offset, bool first_in_section) {
  if (first_in_section) return {"whitespace before the first field line", offset};
  return {"obsolete line folding (RFC 9112 section 5.2) is not allowed", offset};
}

// "Host : x" is refused on its own account: RFC 9112 section 5.1 forbids it because proxies
// have been fooled by it.
DecodeError bad_name(std::string_view name, std::size_t bad, bool has_colon, std::uint64_t offset) {
  const std::string_view rest = name.substr(bad);
  const bool only_whitespace = std::all_of(rest.begin(), rest.end(), is_ows);
  if (has_colon && only_whitespace)
    return {"whitespace between field name and colon", offset + bad};
  return {"field name is not a token", offset + bad};
}

}  // namespace

std::variant<FieldLine, DecodeError> parse_field_line(std::string_view line, std::uint64_t offset,
                                                      bool first_in_section) {
  if (is_ows(line.front())) return whitespace_at_start(offset, first_in_section);
  const std::size_t colon = line.find(':');
  const bool has_colon = colon != std::string_view::npos;
  const std::string_view name = line.substr(0, colon);
  if (const std::size_t bad = first_not(name, is_tchar); bad < name.size()) {
    return bad_name(name, bad, has_colon, offset);
  }
  if (!has_colon) return DecodeError{"field line has no colon", offset + line.size()};
  if (name.empty()) return DecodeError{"field name is empty", offset};
  const std::string_view raw_value = line.substr(colon + 1);
  const std::string_view value = trim_ows(raw_value);
  const std::size_t value_begin =
      colon + 1 + static_cast<std::size_t>(value.data() - raw_value.data());
  if (const std::size_t bad = first_not(value, is_field_value_char); bad < value.size()) {
    return DecodeError{"field value contains a control character", offset + value_begin + bad};
  }
  return FieldLine{{std::string(name), std::string(value)}, offset + value_begin};
}

}  // namespace pushlab::sim::wire::http::detail
