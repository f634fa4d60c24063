#pragma once
// A Trace written out for handouts in one of the export formats, the same way from the command
// line (pushlab-cli export) and from the window's Export tab.

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/trace/trace.hpp"

namespace pushlab::viz {

enum class ExportFormat { svg, pcap, csv, mermaid };

struct ExportFormatName {
  ExportFormat format;
  std::string_view name;       // as the command line spells it
  std::string_view extension;  // of the file, with its dot
};

inline constexpr std::array<ExportFormatName, 4> kExportFormats = {{
    {ExportFormat::svg, "svg", ".svg"},
    {ExportFormat::pcap, "pcap", ".pcap"},
    {ExportFormat::csv, "csv", ".csv"},
    {ExportFormat::mermaid, "mermaid", ".mmd"},
}};

struct ExportRequest {
  ExportFormat format = ExportFormat::svg;
  std::filesystem::path file;
  // For the diagrams (svg, mermaid): which lanes (mermaid draws the first; empty: all, or the
  // first), a window of time, TCP's own packets (mermaid), the picture's width (svg).
  std::vector<sim::Transport> lanes{};
  std::optional<sim::Nanoseconds> from{};
  std::optional<sim::Nanoseconds> to{};
  bool tcp = false;
  float width = 1600;
};

// Writes it (through a temporary file renamed over it) and says what was written
// ("wrote chat.svg: 4 lanes, 728 frames of chat (sim)"). Throws sim::json::InputError naming the
// file it cannot write, or std::invalid_argument naming a lane or window that is not there.
std::string export_trace(const sim::Trace& trace, const ExportRequest& request);

}  // namespace pushlab::viz
