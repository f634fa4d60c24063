#include "viz/draw/inspector_view.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "viz/model/frame_anatomy.hpp"
#include "viz/model/time_format.hpp"

namespace pushlab::viz {

namespace {

constexpr std::size_t kMostBytesShown = 4096;

const char* layer_title(sim::Layer layer) {
  switch (layer) {
    case sim::Layer::tcp:
      return "TCP";
    case sim::Layer::tls:
      return "TLS";
    case sim::Layer::http:
      return "HTTP";
    case sim::Layer::websocket:
      return "WebSocket";
    case sim::Layer::sse:
      return "Server-Sent Events";
    case sim::Layer::resp:
      return "RESP (Redis)";
  }
  return "?";
}

void draw_legend(const Palette& palette) {
  ImGui::TextWrapped("Click an arrow to inspect its frame: its fields, its bytes, what it is for.");
  ImGui::Spacing();
  static constexpr const char* names[] = {
      "TCP (modelled)",    "TLS (modelled)",          "HTTP", "WebSocket", "SSE",
      "lost, or an error", "RESP (to and from Redis)"};
  for (int i = 0; i < 7; ++i) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled({at.x, at.y + line * 0.3f},
                                              {at.x + 2 * line, at.y + line * 0.7f},
                                              palette.frame_colours[i]);
    ImGui::Dummy({2.4f * line, line});
    ImGui::SameLine();
    ImGui::TextUnformatted(names[i]);
  }
}

// Header against payload, to scale, with the numbers.
void draw_size_bar(std::uint64_t size, std::size_t payload, const Palette& palette,
                   FrameColour colour) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float payload_width =
      size == 0 ? 0 : width * static_cast<float>(payload) / static_cast<float>(size);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, {at.x + width - payload_width, at.y + height},
                      faded(palette.frame(colour), 0.45f));
  draw->AddRectFilled({at.x + width - payload_width, at.y}, {at.x + width, at.y + height},
                      palette.frame(colour));
  ImGui::Dummy({width, height});
  ImGui::Text("%llu B: %llu of protocol, %zu of payload", static_cast<unsigned long long>(size),
              static_cast<unsigned long long>(size - std::min<std::uint64_t>(size, payload)),
              payload);
}

// `lit`: the field hovered last frame, here or in the hex dump; `hovered` gets this frame's.
void draw_fields(const FrameAnatomy& anatomy, std::optional<std::size_t> lit,
                 std::optional<std::size_t>& hovered, const Palette& palette) {
  if (!ImGui::BeginTable("fields", 3,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                             ImGuiTableFlags_SizingStretchProp)) {
    return;
  }
  ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch, 0.3f);
  ImGui::TableSetupColumn("bytes", ImGuiTableColumnFlags_WidthStretch, 0.15f);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 0.55f);
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < anatomy.fields.size(); ++i) {
    const ByteField& field = anatomy.fields[i];
    ImGui::TableNextRow();
    if (lit == i) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, faded(palette.playhead, 0.35f));
    }
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(i));
    ImGui::Selectable(field.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns);
    if (ImGui::IsItemHovered()) hovered = i;
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::Text("%zu..%zu", field.first_byte, field.first_byte + field.byte_count - 1);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", field.value.c_str());
  }
  ImGui::EndTable();
}

// Offset, the bytes in hex, the same as ASCII. Hovering a byte lights its field, and the
// hovered field's bytes are lit.
void draw_hex_dump(const sim::wire::Bytes& bytes, const FrameAnatomy& anatomy,
                   std::optional<std::size_t> lit_field, std::optional<std::size_t>& hovered,
                   const Palette& palette) {
  const std::size_t shown = std::min(bytes.size(), kMostBytesShown);
  const float char_width = ImGui::CalcTextSize("0").x;
  // Sixteen bytes a row where they fit (offset, hex, ASCII: 76 characters), else eight.
  const std::size_t per_row = ImGui::GetContentRegionAvail().x >= 76 * char_width ? 16 : 8;
  const float ascii_start = static_cast<float>(6 + 3 * per_row + 2);
  const ImU32 lit = faded(palette.playhead, 0.35f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  std::optional<std::size_t> hovered_byte;
  for (std::size_t row = 0; row < shown; row += per_row) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    char offset[16];
    std::snprintf(offset, sizeof offset, "%04zx", row);
    draw->AddText(at, palette.faint_text, offset);
    for (std::size_t column = 0; column < per_row && row + column < shown; ++column) {
      const std::size_t index = row + column;
      const float hex_x =
          at.x + char_width * (6 + 3 * static_cast<float>(column) + (column >= 8 ? 1 : 0));
      const float ascii_x = at.x + char_width * (ascii_start + static_cast<float>(column));
      const bool in_lit_field = lit_field && anatomy.fields[*lit_field].covers(index);
      if (in_lit_field) {
        draw->AddRectFilled({hex_x - 1, at.y}, {hex_x + 2 * char_width + 1, at.y + line}, lit);
        draw->AddRectFilled({ascii_x, at.y}, {ascii_x + char_width, at.y + line}, lit);
      }
      char hex[4];
      std::snprintf(hex, sizeof hex, "%02x", bytes[index]);
      draw->AddText({hex_x, at.y}, palette.text, hex);
      const char ascii =
          bytes[index] >= 0x20 && bytes[index] < 0x7f ? static_cast<char>(bytes[index]) : '.';
      draw->AddText({ascii_x, at.y}, palette.faint_text, &ascii, &ascii + 1);
      if (ImGui::IsMouseHoveringRect({hex_x - 1, at.y},
                                     {hex_x + 2 * char_width + 1, at.y + line}) ||
          ImGui::IsMouseHoveringRect({ascii_x, at.y}, {ascii_x + char_width, at.y + line})) {
        hovered_byte = index;
      }
    }
    ImGui::Dummy({char_width * (ascii_start + static_cast<float>(per_row)), line});
  }
  if (bytes.size() > shown) ImGui::TextDisabled("... %zu more bytes", bytes.size() - shown);
  if (hovered_byte) hovered = anatomy.field_of(*hovered_byte);
}

void draw_frame(const Document& document, FrameRef ref, ViewState& view, const Palette& palette) {
  const sim::Lane& lane = document.trace.lanes[ref.lane];
  const sim::WireFrame& frame = lane.frames[ref.frame];
  const LaneDiagram& diagram = document.diagram.lanes[ref.lane];
  const FrameColour colour = diagram.colours[ref.frame];

  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(palette.frame(colour)));
  ImGui::TextWrapped("%s", diagram.labels[ref.frame].c_str());
  ImGui::PopStyleColor();
  ImGui::TextDisabled(
      "frame %s%s", to_string(document.trace, ref).c_str(),
      lane_source(document, ref.lane) == LaneSource::live ? " of the live run" : "");
  ImGui::Text("%s %s, %s -> %s", layer_title(frame.layer), frame.kind.c_str(),
              lane.endpoints[frame.from].name.c_str(), lane.endpoints[frame.to].name.c_str());
  ImGui::Text("sent %s", format_time(frame.sent_at).c_str());
  if (frame.received_at) {
    // Not "on the wire": the time may include TCP holding the frame behind a loss (its note).
    ImGui::Text("received %s, %s after it was sent", format_time(*frame.received_at).c_str(),
                format_duration(*frame.received_at - frame.sent_at).c_str());
  } else {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette.frame(FrameColour::error)),
                       "lost on the way");
  }
  if (frame.setup) ImGui::TextDisabled("connection setup (counted as setup bytes)");
  if (!frame.note.empty()) {
    ImGui::Separator();
    ImGui::TextWrapped("%s", frame.note.c_str());
  }
  ImGui::Separator();
  if (frame.modelled()) {
    ImGui::TextWrapped("Modelled, not written byte by byte: %llu bytes of %s on the wire.",
                       static_cast<unsigned long long>(frame.size()), layer_title(frame.layer));
    return;
  }
  const FrameAnatomy anatomy =
      frame_anatomy(frame, {.engine_io = lane.transport == sim::Transport::engine_io,
                            .socketio = document.scenario.engine_io.socketio});
  draw_size_bar(frame.size(), anatomy.payload_bytes, palette, colour);
  ImGui::Spacing();
  std::optional<std::size_t> hovered;
  draw_fields(anatomy, view.hovered_field, hovered, palette);
  ImGui::Spacing();
  draw_hex_dump(frame.bytes, anatomy, view.hovered_field, hovered, palette);
  view.hovered_field = hovered;
}

}  // namespace

void draw_inspector(const Document& document, ViewState& view, const Palette& palette) {
  if (!view.selected || view.selected->lane >= document.trace.lanes.size() ||
      view.selected->frame >= document.trace.lanes[view.selected->lane].frames.size()) {
    view.selected.reset();
    draw_legend(palette);
    return;
  }
  draw_frame(document, *view.selected, view, palette);
}

}  // namespace pushlab::viz
