#include "sim/json/text_file.hpp"

#include <array>
#include <cerrno>
#include <fstream>
#include <system_error>

#include "sim/json/input_error.hpp"

namespace pushlab::sim::json {

namespace {

[[noreturn]] void fail_file(const std::filesystem::path& path, std::string reason) {
  throw InputError(path.string(), "", std::move(reason));
}

// Checked before opening so that each case gets its own message.
void check_file(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) fail_file(path, "file not found");
  if (std::filesystem::is_directory(status)) fail_file(path, "is a directory, not a file");
}

}  // namespace

std::string read_text_file(const std::filesystem::path& path, std::size_t max_bytes) {
  check_file(path);
  errno = 0;
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const std::string why = errno == 0 ? "" : " (" + std::generic_category().message(errno) + ")";
    fail_file(path, "cannot open the file" + why);
  }
  std::string text;
  std::array<char, 64 * 1024> chunk;
  while (file.read(chunk.data(), chunk.size()) || file.gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(file.gcount()));
    if (text.size() > max_bytes) {
      fail_file(path, "file too large (expected at most " + std::to_string(max_bytes) + " bytes)");
    }
  }
  if (file.bad()) fail_file(path, "cannot read the file");
  return text;
}

void write_text_file(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::path temporary = path;
  temporary += ".saving";
  std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  std::error_code error;
  if (file) std::filesystem::rename(temporary, path, error);
  if (!file || error) {
    const std::string why = error ? " (" + error.message() + ")" : "";
    std::filesystem::remove(temporary, error);
    fail_file(path, "cannot write the file" + why);
  }
}

}  // namespace pushlab::sim::json
