#pragma once
// Whole text files in and out, with errors that name the file as `path` was written:
// "chat.json: file not found", "t.json: cannot write the file (No such file or directory)".

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace pushlab::sim::json {

// The file's bytes. Throws InputError when it is missing, a directory, unreadable, or larger than
// `max_bytes` (checked while reading, so that even /dev/zero gets an answer).
std::string read_text_file(const std::filesystem::path& path, std::size_t max_bytes);

// Writes through a temporary file renamed over `path`, so a failed write never leaves half a file.
// Throws InputError when it cannot write.
void write_text_file(const std::filesystem::path& path, std::string_view text);

}  // namespace pushlab::sim::json
