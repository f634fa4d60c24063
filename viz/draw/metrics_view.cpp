#include "viz/draw/metrics_view.hpp"

#include <imgui.h>

#include <string>

#include "sim/trace/metrics_rows.hpp"

namespace pushlab::viz {

namespace {

constexpr const char* kDifferenceNote =
    "Difference: live minus simulated, and in percent of the simulated figure.";

// A table that scrolls under its frozen header, leaving `footnotes` lines below it.
bool begin_table(const char* id, int columns, int footnotes) {
  return ImGui::BeginTable(
      id, columns,
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
          ImGuiTableFlags_SizingStretchSame,
      {0, ImGui::GetContentRegionAvail().y -
              static_cast<float>(footnotes) * ImGui::GetTextLineHeightWithSpacing()});
}

void label_cell(const sim::MetricsRow& row) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(row.label.c_str());
}

void text_cell(const std::string& text) {
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(text.c_str());
}

void draw_lane_columns(const Document& document) {
  if (!begin_table("metrics", 1 + static_cast<int>(document.metrics.size()), 1)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("figure");
  for (std::size_t lane = 0; lane < document.metrics.size(); ++lane) {
    ImGui::TableSetupColumn(lane_title(document, lane).c_str());
  }
  ImGui::TableHeadersRow();
  for (const sim::MetricsRow& row : sim::metrics_rows()) {
    label_cell(row);
    for (const sim::LaneMetrics& lane : document.metrics) text_cell(row.value(lane));
  }
  ImGui::EndTable();
}

// Three columns a transport: simulated, live, and live minus simulated.
void draw_comparison_columns(const sim::MetricsComparison& comparison) {
  const int columns = 1 + 3 * static_cast<int>(comparison.lanes.size());
  if (!begin_table("comparison", columns, 2)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // Labels and differences ("+60.1 (+120%)") are longer than a figure: they get more room.
  ImGui::TableSetupColumn("figure", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  for (const sim::LaneComparison& lane : comparison.lanes) {
    ImGui::TableSetupColumn(
        lane_title(lane.transport, LaneSource::simulated, /*shortened=*/true).c_str());
    ImGui::TableSetupColumn("live");
    ImGui::TableSetupColumn("difference", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  }
  ImGui::TableHeadersRow();
  const auto& rows = sim::metrics_rows();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    label_cell(rows[i]);
    for (const sim::LaneComparison& lane : comparison.lanes) {
      text_cell(rows[i].value(lane.sim));
      text_cell(rows[i].value(lane.live));
      text_cell(sim::format_difference(lane.cells[i], rows[i].decimals));
    }
  }
  ImGui::EndTable();
}

// Lanes only one run has are not compared: say which, so none seems forgotten.
std::string unmatched_note(const sim::MetricsComparison& comparison) {
  std::string note;
  for (const sim::Transport transport : comparison.only_in_sim) {
    note += lane_title(transport, LaneSource::simulated) + " has no live lane. ";
  }
  for (const sim::Transport transport : comparison.only_in_live) {
    note += lane_title(transport, LaneSource::live) + " has no simulated lane. ";
  }
  return note;
}

}  // namespace

void draw_metrics_table(const Document& document) {
  if (document.comparison && !document.comparison->lanes.empty()) {
    draw_comparison_columns(*document.comparison);
    ImGui::TextDisabled("%s %s", kDifferenceNote, unmatched_note(*document.comparison).c_str());
  } else {
    draw_lane_columns(document);
  }
  ImGui::TextDisabled("%s", sim::kMetricsFootnote);
}

}  // namespace pushlab::viz
