#include "viz/model/ascii_diagram.hpp"

#include <algorithm>

#include "sim/scenario/transport.hpp"
#include "viz/model/lane_layout.hpp"
#include "viz/model/time_format.hpp"

namespace pushlab::viz {

namespace {

constexpr std::size_t kTimeWidth = 14;  // the time column
constexpr std::size_t kSpan = 32;       // between two lifelines

// The column of a lifeline, by its index in the lane's layout.
std::size_t column_of(std::size_t lifeline) {
  return kTimeWidth + 4 + lifeline * kSpan;
}

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

}  // namespace

std::string ascii_diagram(const sim::Lane& lane, const LaneDiagram& diagram,
                          const AsciiWindow& window) {
  // The window's lifelines, in columns: only their order is used here.
  const LaneLayout layout = lay_out_lane(lane, 0, 1);
  if (layout.lifelines.empty()) return "";
  const std::size_t right = column_of(layout.lifelines.size() - 1);
  // The heading: the lane's title, then each lifeline's name centred on its column.
  std::string heading = padded(std::string(sim::info(lane.transport).title), kTimeWidth);
  for (std::size_t i = 0; i < layout.lifelines.size(); ++i) {
    const std::string& name = layout.lifelines[i].name;
    heading = padded(heading, column_of(i) - name.size() / 2) + name;
  }
  std::string out = heading + "\n";
  std::size_t rows = 0;
  for (std::size_t i = 0; i < lane.frames.size() && rows < window.most; ++i) {
    const sim::WireFrame& frame = lane.frames[i];
    if (frame.sent_at < window.from || (frame.layer == sim::Layer::tcp && !window.tcp)) continue;
    std::string row(right + 1, ' ');
    row.replace(0, kTimeWidth, padded(format_time(frame.sent_at), kTimeWidth));
    for (std::size_t line = 0; line < layout.lifelines.size(); ++line) row[column_of(line)] = '|';
    const std::size_t from = column_of(layout.lifeline_of[frame.from]);
    const std::size_t to = column_of(layout.lifeline_of[frame.to]);
    const std::size_t low = std::min(from, to);
    const std::size_t high = std::max(from, to);
    for (std::size_t x = low + 1; x < high; ++x) row[x] = '-';
    if (frame.lost()) {
      row[(low + high) / 2] = 'x';  // lost on the way
    } else if (to > from) {
      row[high - 1] = '>';
    } else {
      row[low + 1] = '<';
    }
    out += row + "  " + diagram.labels[i] + (frame.lost() ? " (lost)" : "") + "\n";
    ++rows;
  }
  return out;
}

}  // namespace pushlab::viz
