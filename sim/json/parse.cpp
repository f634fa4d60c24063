#include "sim/json/parse.hpp"

#include <algorithm>
#include <functional>
#include <string>

#include "sim/json/detail/duplicate_key_check.hpp"
#include "sim/json/input_error.hpp"
#include "sim/json/text_file.hpp"

namespace pushlab::sim::json {

namespace {

// Line and column (in bytes) of the character at `offset`, both counted from 1.
TextPosition position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line_start =
      before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  return {.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')),
          .column = offset - line_start + 1};
}

// nlohmann's message without its "[json.exception...] parse error at line 1, column 2: " prefix.
std::string reason_of(const nlohmann::json::exception& error) {
  std::string_view what = error.what();
  if (const auto end_of_id = what.find("] "); end_of_id != std::string_view::npos) {
    what.remove_prefix(end_of_id + 2);
  }
  if (const auto colon = what.find(": "); what.starts_with("parse error") && colon != what.npos) {
    what.remove_prefix(colon + 2);
  }
  return std::string(what);
}

}  // namespace

Json parse_text(std::string_view text, std::string_view source_name) {
  detail::DuplicateKeyCheck duplicate_key_check(source_name);
  try {
    return Json::parse(text, std::ref(duplicate_key_check));
  } catch (const Json::parse_error& error) {
    // error.byte counts the offending character itself, so it is one past its offset.
    const std::size_t offset = error.byte == 0 ? 0 : error.byte - 1;
    throw InputError(std::string(source_name), position_at(text, offset), reason_of(error));
  } catch (const Json::exception& error) {  // a number too large for a double
    throw InputError(std::string(source_name), "", reason_of(error));
  }
}

Json parse_file(const std::filesystem::path& path, std::size_t max_bytes) {
  return parse_text(read_text_file(path, max_bytes), path.string());
}

}  // namespace pushlab::sim::json
