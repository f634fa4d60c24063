#include "viz/draw/events_view.hpp"

#include <imgui.h>

#include "viz/model/time_format.hpp"

namespace pushlab::viz {

namespace {

constexpr const char* kLayerNames[] = {"TCP", "TLS", "HTTP", "WebSocket", "SSE", "RESP"};

}  // namespace

void EventsView::draw_filter(const Document& document) {
  filter_.lanes.resize(document.trace.lanes.size(), true);
  for (std::size_t lane = 0; lane < document.trace.lanes.size(); ++lane) {
    bool shown = filter_.lanes[lane];
    ImGui::PushID(static_cast<int>(lane));
    if (ImGui::Checkbox(lane_title(document, lane).c_str(), &shown)) {
      filter_.lanes[lane] = shown;
    }
    ImGui::PopID();
    ImGui::SameLine();
  }
  ImGui::TextDisabled("|");
  for (std::size_t layer = 0; layer < filter_.layers.size(); ++layer) {
    ImGui::SameLine();
    ImGui::Checkbox(kLayerNames[layer], &filter_.layers[layer]);
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::InputTextWithHint("##text", "label or kind", text_, sizeof text_)) {
    filter_.text = text_;
  }
}

void EventsView::draw(const Document& document, std::uint64_t version, ViewState& view,
                      const Palette& palette) {
  draw_filter(document);
  if (listed_version_ != version || !(listed_filter_ == filter_)) {
    events_ = list_events(document.trace, document.diagram, filter_);
    listed_version_ = version;
    listed_filter_ = filter_;
  }
  const std::size_t at_playhead = first_event_from(document.trace, events_, view.playback.time());
  if (!ImGui::BeginTable("events", 6,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
    return;
  }
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("sent", ImGuiTableColumnFlags_None, 0.9f);
  ImGui::TableSetupColumn("lane", ImGuiTableColumnFlags_None, 1.2f);
  ImGui::TableSetupColumn("from -> to", ImGuiTableColumnFlags_None, 1.3f);
  ImGui::TableSetupColumn("frame", ImGuiTableColumnFlags_None, 2.6f);
  ImGui::TableSetupColumn("bytes", ImGuiTableColumnFlags_None, 0.5f);
  ImGui::TableSetupColumn("arrived", ImGuiTableColumnFlags_None, 0.9f);
  ImGui::TableHeadersRow();
  const float row_height = ImGui::GetTextLineHeightWithSpacing();
  // Whenever the playhead moves (playing, stepping, seeking), its row comes into view.
  if (scrolled_for_ != view.playback.time() && (view.follow_playhead || !view.playback.playing())) {
    ImGui::SetScrollY(std::max(
        0.0f, static_cast<float>(at_playhead) * row_height - ImGui::GetWindowHeight() * 0.4f));
    scrolled_for_ = view.playback.time();
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(events_.size()), row_height);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const FrameRef ref = events_[static_cast<std::size_t>(row)];
      const sim::Lane& lane = document.trace.lanes[ref.lane];
      const sim::WireFrame& frame = lane.frames[ref.frame];
      const LaneDiagram& diagram = document.diagram.lanes[ref.lane];
      ImGui::TableNextRow();
      if (static_cast<std::size_t>(row) == at_playhead) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, faded(palette.playhead, 0.3f));
      }
      ImGui::TableNextColumn();
      ImGui::PushID(row);
      const std::string sent = format_time(frame.sent_at);
      if (ImGui::Selectable(sent.c_str(), view.selected == ref,
                            ImGuiSelectableFlags_SpanAllColumns)) {
        view.selected = ref;
        view.playback.seek(frame.sent_at);
        view.scroll_to_playhead = true;
      }
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(lane_title(document, ref.lane).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%s -> %s", lane.endpoints[frame.from].name.c_str(),
                  lane.endpoints[frame.to].name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette.frame(diagram.colours[ref.frame])),
                         "%s", diagram.labels[ref.frame].c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%llu", static_cast<unsigned long long>(frame.size()));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(frame.received_at ? format_time(*frame.received_at).c_str() : "lost");
    }
  }
  ImGui::EndTable();
}

}  // namespace pushlab::viz
