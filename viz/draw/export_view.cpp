#include "viz/draw/export_view.hpp"

#include <imgui.h>

#include <chrono>
#include <cstring>
#include <stdexcept>

#include "sim/json/input_error.hpp"

namespace pushlab::viz {

namespace {

// The file name a format suggests: the scenario's name and the format's extension.
void suggest_file(const Document& shown, ExportControls& controls) {
  const std::string name = shown.trace.scenario + (shown.trace.source == "live" ? "-live" : "") +
                           std::string(kExportFormats[controls.format].extension);
  std::strncpy(controls.file, name.c_str(), sizeof controls.file - 1);
}

std::optional<sim::Nanoseconds> seconds(float value) {
  if (value <= 0) return std::nullopt;
  return std::chrono::duration_cast<sim::Nanoseconds>(std::chrono::duration<float>(value));
}

}  // namespace

void draw_export_tab(const Document& shown, ExportControls& controls) {
  if (controls.file[0] == '\0') suggest_file(shown, controls);
  for (int i = 0; i < static_cast<int>(kExportFormats.size()); ++i) {
    if (i > 0) ImGui::SameLine();
    const std::string name(kExportFormats[i].name);
    if (ImGui::RadioButton(name.c_str(), controls.format == i)) {
      controls.format = i;
      suggest_file(shown, controls);
    }
  }
  ImGui::SameLine();
  ImGui::TextDisabled(
      "svg: the diagrams for slides; pcap: for Wireshark; csv: for a spreadsheet; mermaid: the "
      "first lane for documentation");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
  ImGui::InputText("file", controls.file, sizeof controls.file);
  const ExportFormat format = kExportFormats[controls.format].format;
  if (format == ExportFormat::svg || format == ExportFormat::mermaid) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::InputFloat("from (s)", &controls.from_s, 0, 0, "%.3f");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::InputFloat("to (s, 0: the end)", &controls.to_s, 0, 0, "%.3f");
  }
  if (ImGui::Button("Write")) {
    try {
      controls.said = export_trace(shown.trace, {.format = format,
                                                 .file = controls.file,
                                                 .lanes = {},
                                                 .from = seconds(controls.from_s),
                                                 .to = seconds(controls.to_s),
                                                 .tcp = false,
                                                 .width = 1600});
      controls.failed = false;
    } catch (const sim::json::InputError& error) {
      controls.said = error.what();
      controls.failed = true;
    } catch (const std::invalid_argument& error) {
      controls.said = error.what();
      controls.failed = true;
    }
  }
  if (!controls.said.empty()) {
    ImGui::SameLine();
    if (controls.failed) {
      ImGui::TextColored({0.9f, 0.4f, 0.2f, 1}, "%s", controls.said.c_str());
    } else {
      ImGui::TextUnformatted(controls.said.c_str());
    }
  }
}

}  // namespace pushlab::viz
