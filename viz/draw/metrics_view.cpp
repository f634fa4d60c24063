#include "viz/draw/metrics_view.hpp"

#include <imgui.h>

#include "sim/trace/metrics_rows.hpp"
#include "viz/model/transport_title.hpp"

namespace pushlab::viz {

void draw_metrics_table(const Document& document) {
  const int columns = 1 + static_cast<int>(document.metrics.size());
  if (!ImGui::BeginTable(
          "metrics", columns,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
              ImGuiTableFlags_SizingStretchSame,
          {0, ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing()})) {
    return;
  }
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("figure");
  for (const sim::LaneMetrics& lane : document.metrics) {
    ImGui::TableSetupColumn(transport_title(lane.transport).data());
  }
  ImGui::TableHeadersRow();
  for (const sim::MetricsRow& row : sim::metrics_rows()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.label.c_str());
    for (const sim::LaneMetrics& lane : document.metrics) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.value(lane).c_str());
    }
  }
  ImGui::EndTable();
  ImGui::TextDisabled("%s", sim::kMetricsFootnote);
}

}  // namespace pushlab::viz
