#pragma once
// Text to JSON for untrusted input: a syntax error names its line and column, a repeated key is an
// error rather than a silent overwrite, and a number too large for a double is refused.
//
//   const Json json = parse_file("scenarios/chat.json", kMaxScenarioBytes);

#include <cstddef>
#include <filesystem>
#include <string_view>

#include "sim/json/json.hpp"

namespace pushlab::sim::json {

// `source_name` stands for the file name in errors. Throws InputError.
Json parse_text(std::string_view text, std::string_view source_name);

// read_text_file (see text_file.hpp) then parse_text, errors naming the file as `path` was written.
Json parse_file(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace pushlab::sim::json
