#include "viz/draw/plots_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "viz/model/fitted_title.hpp"
#include "viz/model/time_format.hpp"

namespace pushlab::viz {

namespace {

// Which of a lane's series a chart draws.
using Line = const StepSeries LaneSeries::*;

struct Chart {
  std::vector<std::string_view> titles;  // from the full title to the shortest (fitted_title)
  const char* about;                     // shown on hovering the title
  const char* unit;
  Line line = nullptr;       // none: the latency of each delivered message, as dots
  Line reference = nullptr;  // drawn faint beside each lane's line: the payload
};

// Pixels for 17-pixel type, grown with the font.
float px(float size_at_17) {
  return size_at_17 * ImGui::GetFontSize() / 17.0f;
}

std::string short_value(double value) {
  char text[32];
  if (value >= 1e6) {
    std::snprintf(text, sizeof text, "%.1fM", value / 1e6);
  } else if (value >= 1e4) {
    std::snprintf(text, sizeof text, "%.0fk", value / 1e3);
  } else {
    std::snprintf(text, sizeof text, "%.0f", value);
  }
  return text;
}

// A live lane draws in its transport's colour, fainter: each pair reads as one transport.
ImU32 lane_colour(const Document& document, std::size_t lane, const Palette& palette) {
  const ImU32 colour = palette.transport(document.trace.lanes[lane].transport);
  return lane_source(document, lane) == LaneSource::live ? faded(colour, 0.5f) : colour;
}

// The largest value any lane's series reaches, with a little room above.
double chart_max(const Document& document, const Chart& chart) {
  double top = 0;
  for (const LaneSeries& series : document.series) {
    top = std::max(top, chart.line ? (series.*chart.line).max() : series.latency_max_ms);
  }
  return top > 0 ? top * 1.08 : 1;
}

struct ChartArea {
  ImVec2 min;
  ImVec2 max;
  Nanoseconds duration{0};
  double top = 1;

  float x_of(Nanoseconds time) const {
    const double fraction = duration.count() > 0 ? static_cast<double>(time.count()) /
                                                       static_cast<double>(duration.count())
                                                 : 0;
    return min.x + static_cast<float>(fraction) * (max.x - min.x);
  }
  float y_of(double value) const {
    return max.y - static_cast<float>(std::clamp(value / top, 0.0, 1.0)) * (max.y - min.y);
  }
  Nanoseconds time_at(float x) const {
    const double fraction = std::clamp((x - min.x) / (max.x - min.x), 0.0f, 1.0f);
    return Nanoseconds{
        static_cast<Nanoseconds::rep>(fraction * static_cast<double>(duration.count()))};
  }
};

// One sample every two pixels, as one polyline: a run of 2,000 steps draws as 200 points.
void draw_line(const ChartArea& area, const StepSeries& series, ImU32 colour, float thickness) {
  const int columns = std::max(2, static_cast<int>((area.max.x - area.min.x) / 2));
  std::vector<ImVec2> points;
  points.reserve(static_cast<std::size_t>(columns) + 1);
  for (int column = 0; column <= columns; ++column) {
    const float x = area.min.x + (area.max.x - area.min.x) * static_cast<float>(column) / columns;
    points.push_back({x, area.y_of(series.at(area.duration * column / columns))});
  }
  ImGui::GetWindowDrawList()->AddPolyline(points.data(), static_cast<int>(points.size()), colour,
                                          ImDrawFlags_None, thickness);
}

void draw_series(const ChartArea& area, const LaneSeries& series, const Chart& chart,
                 ImU32 colour) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (!chart.line) {
    ImVec2 last{-1, -1};
    for (const LatencyPoint& point : series.latency) {
      const ImVec2 at{std::round(area.x_of(point.delivered_at)),
                      std::round(area.y_of(point.latency_ms))};
      if (at.x == last.x && at.y == last.y) continue;  // the same pixel: once is enough
      draw->AddRectFilled({at.x - px(1.5f), at.y - px(1.5f)}, {at.x + px(1.5f), at.y + px(1.5f)},
                          colour);
      last = at;
    }
    return;
  }
  if (chart.reference) draw_line(area, series.*chart.reference, faded(colour, 0.45f), px(1));
  draw_line(area, series.*chart.line, colour, px(2));
}

// Hovering shows each lane's value at the time under the mouse.
void draw_hover(const Document& document, const ChartArea& area, const Chart& chart,
                const Palette& palette) {
  if (!ImGui::IsMouseHoveringRect(area.min, area.max)) return;
  const float x = ImGui::GetIO().MousePos.x;
  ImGui::GetWindowDrawList()->AddLine({x, area.min.y}, {x, area.max.y}, palette.faint_text);
  const Nanoseconds time = area.time_at(x);
  ImGui::BeginTooltip();
  ImGui::Text("%s at %s", std::string(chart.titles.front()).c_str(), format_time(time).c_str());
  for (std::size_t lane = 0; lane < document.series.size(); ++lane) {
    const LaneSeries& series = document.series[lane];
    double value = 0;
    if (!chart.line) {
      // The latest delivery at or before the time.
      const auto after = std::upper_bound(
          series.latency.begin(), series.latency.end(), time,
          [](Nanoseconds t, const LatencyPoint& point) { return t < point.delivered_at; });
      if (after != series.latency.begin()) value = std::prev(after)->latency_ms;
    } else {
      value = (series.*chart.line).at(time);
    }
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(lane_colour(document, lane, palette)),
                       "%s: %.1f %s", lane_title(document, lane).c_str(), value, chart.unit);
  }
  ImGui::EndTooltip();
}

// The longest wording that fits the chart's width, over the axis labels too; on hover, the full
// title and what the chart shows.
void draw_title(const Chart& chart, ImVec2 at, float width, const Palette& palette) {
  const std::string title = fitted_title(chart.titles, width, [](std::string_view text) {
    return ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
  });
  const ImVec2 title_at{at.x + px(4), at.y};
  ImGui::GetWindowDrawList()->AddText(title_at, palette.text, title.c_str());
  const ImVec2 end{title_at.x + width, title_at.y + ImGui::GetTextLineHeight()};
  if (!ImGui::IsMouseHoveringRect(title_at, end)) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
  ImGui::TextUnformatted(chart.titles.front().data(),
                         chart.titles.front().data() + chart.titles.front().size());
  ImGui::TextDisabled("%s", chart.about);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void draw_chart(const Document& document, const ViewState& view, const Chart& chart,
                const Palette& palette, ImVec2 size) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  draw_title(chart, at, size.x - px(12), palette);
  ChartArea area{.min = {at.x + px(58), at.y + line + 4},
                 .max = {at.x + size.x - 8, at.y + size.y - line - 4},
                 .duration = document.trace.duration};
  area.top = chart_max(document, chart);
  draw->AddRectFilled(area.min, area.max, palette.lane_background);
  const std::string top = short_value(area.top);
  draw->AddText({at.x + 4, area.min.y}, palette.faint_text, top.c_str());
  draw->AddText({at.x + 4, area.max.y - line}, palette.faint_text, "0");
  draw->AddText({area.min.x, area.max.y + 2}, palette.faint_text, "0 s");
  const std::string end = format_time(area.duration);
  draw->AddText({area.max.x - ImGui::CalcTextSize(end.c_str()).x, area.max.y + 2},
                palette.faint_text, end.c_str());
  // What happened after the traffic (a message delivered after its end) lies past the axis.
  draw->PushClipRect(area.min, area.max, true);
  for (std::size_t lane = 0; lane < document.series.size(); ++lane) {
    draw_series(area, document.series[lane], chart, lane_colour(document, lane, palette));
  }
  draw->PopClipRect();
  const float playhead = area.x_of(view.playback.time());
  draw->AddLine({playhead, area.min.y}, {playhead, area.max.y}, palette.playhead, px(1.5f));
  draw_hover(document, area, chart, palette);
  ImGui::Dummy(size);
}

const std::vector<Chart>& charts() {
  static const std::vector<Chart> all{
      {{"Latency of each message (ms)", "Latency per message (ms)", "Latency (ms)"},
       "A dot for each delivered message: when it arrived, and how long after it was sent.",
       "ms"},
      {{"Bytes on the client's link (faint: payload)", "Bytes on the client's link",
        "Client link (B)"},
       "The application bytes (HTTP, WebSocket frames, events) sent on the client's link so "
       "far; the faint line is the payload among them.",
       "B",
       &LaneSeries::app_bytes,
       &LaneSeries::payload_bytes},
      {{"Overhead bytes per message (setup excluded)", "Overhead per message (B)", "Overhead (B)"},
       "The bytes beyond the payload for each message delivered so far, the connection's setup "
       "(handshakes) not counted.",
       "B",
       &LaneSeries::overhead_per_message},
      {{"Connections open at the server", "Server connections", "Connections"},
       "How many connections the server holds open at each moment.",
       "",
       &LaneSeries::server_connections},
  };
  return all;
}

}  // namespace

void draw_plots(const Document& document, const ViewState& view, const Palette& palette) {
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const float legend_height = ImGui::GetTextLineHeightWithSpacing();
  // The legend: one colour per transport, in every chart.
  for (std::size_t lane = 0; lane < document.trace.lanes.size(); ++lane) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled({at.x, at.y + line * 0.35f},
                                              {at.x + line * 1.5f, at.y + line * 0.65f},
                                              lane_colour(document, lane, palette));
    ImGui::Dummy({line * 1.7f, line});
    ImGui::SameLine();
    ImGui::TextUnformatted(lane_title(document, lane).c_str());
    ImGui::SameLine(0, line * 1.5f);
  }
  ImGui::NewLine();
  const auto& all = charts();
  const float width = available.x / static_cast<float>(all.size());
  const ImVec2 size{width - ImGui::GetStyle().ItemSpacing.x, available.y - legend_height - 4};
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    draw_chart(document, view, all[i], palette, size);
  }
}

}  // namespace pushlab::viz
