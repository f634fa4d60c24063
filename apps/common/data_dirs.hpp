#pragma once
// Where PushLab's data is: the scenarios, the lessons, the demo page and the fonts. Installed,
// they are in share/pushlab beside bin/ (/usr/share/pushlab for /usr/bin/pushlab); a build tree
// has none there and uses the source tree it was built from. PUSHLAB_DATA_DIR, when set, names
// a folder laid out as share/pushlab is, and wins over both.

#include <filesystem>
#include <string>

namespace pushlab::apps {

struct DataDirs {
  std::filesystem::path scenarios;
  std::filesystem::path lessons;
  std::filesystem::path web;    // the demo page, index.html
  std::filesystem::path fonts;  // DejaVu Sans and Sans Mono
};

// The data of this installation or build. Throws std::runtime_error naming the places it looked
// when none holds the scenarios.
DataDirs find_data_dirs();

// `file` as the user named it when it exists; else the same name in the data (so that
// `pushlab-cli run scenarios/chat.json` works from any folder once installed); else `file`
// unchanged, for the caller's own error.
std::filesystem::path find_data_file(const std::filesystem::path& file);

}  // namespace pushlab::apps
