#include "apps/common/data_dirs.hpp"

#include <cstdlib>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace pushlab::apps {

namespace fs = std::filesystem;

namespace {

DataDirs installed_layout(const fs::path& share) {
  return {.scenarios = share / "scenarios",
          .lessons = share / "lessons",
          .web = share / "web",
          .fonts = share / "fonts"};
}

DataDirs source_layout(const fs::path& source) {
  return {.scenarios = source / "scenarios",
          .lessons = source / "lessons",
          .web = source / "assets" / "web",
          .fonts = source / "assets" / "fonts"};
}

bool holds_scenarios(const DataDirs& dirs) {
  std::error_code ignored;
  return fs::is_directory(dirs.scenarios, ignored);
}

// bin/pushlab -> share/pushlab, through the executable's real path (so a moved or symlinked
// installation finds its own).
fs::path share_beside_the_executable() {
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (error) return {};
  return (executable.parent_path() / PUSHLAB_DATA_FROM_BIN).lexically_normal();
}

}  // namespace

DataDirs find_data_dirs() {
  if (const char* chosen = std::getenv("PUSHLAB_DATA_DIR"); chosen != nullptr && *chosen != 0) {
    const DataDirs dirs = installed_layout(chosen);
    if (!holds_scenarios(dirs)) {
      throw std::runtime_error("PUSHLAB_DATA_DIR is \"" + std::string(chosen) +
                               "\", which has no scenarios/ folder (expected a folder laid out "
                               "as share/pushlab: scenarios, lessons, web, fonts)");
    }
    return dirs;
  }
  const fs::path share = share_beside_the_executable();
  const std::vector<DataDirs> candidates = {installed_layout(share),
                                            source_layout(PUSHLAB_SOURCE_DIR)};
  for (const DataDirs& dirs : candidates) {
    if (holds_scenarios(dirs)) return dirs;
  }
  throw std::runtime_error("cannot find PushLab's data (scenarios, lessons, fonts): looked in " +
                           share.string() + " and " + PUSHLAB_SOURCE_DIR +
                           "; reinstall PushLab, or set PUSHLAB_DATA_DIR to its share/pushlab");
}

fs::path find_data_file(const fs::path& file) {
  std::error_code ignored;
  if (file.is_absolute() || fs::exists(file, ignored)) return file;
  try {
    const fs::path data = find_data_dirs().scenarios.parent_path() / file;
    if (fs::exists(data, ignored)) return data;
  } catch (const std::runtime_error&) {
    // no data anywhere: the caller reports the file it could not open
  }
  return file;
}

}  // namespace pushlab::apps
