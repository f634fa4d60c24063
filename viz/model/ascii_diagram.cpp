#include "viz/model/ascii_diagram.hpp"

#include <algorithm>
#include <array>

#include "sim/scenario/transport.hpp"
#include "viz/model/lane_layout.hpp"
#include "viz/model/time_format.hpp"

namespace pushlab::viz {

namespace {

constexpr std::size_t kTimeWidth = 14;  // the time column
constexpr std::size_t kSpan = 32;       // between two lifelines

// The column of each role's lifeline: client, proxy (when there is one), server.
std::size_t column_of(sim::EndpointRole role, bool proxy) {
  const std::size_t client = kTimeWidth + 4;
  switch (role) {
    case sim::EndpointRole::client:
      return client;
    case sim::EndpointRole::proxy:
      return client + kSpan;
    case sim::EndpointRole::server:
      break;
  }
  return client + (proxy ? 2 : 1) * kSpan;
}

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

}  // namespace

std::string ascii_diagram(const sim::Lane& lane, const LaneDiagram& diagram,
                          const AsciiWindow& window) {
  const bool proxy = has_proxy(lane);
  const std::size_t right = column_of(sim::EndpointRole::server, proxy);
  std::array<sim::EndpointRole, 3> roles = {sim::EndpointRole::client, sim::EndpointRole::proxy,
                                            sim::EndpointRole::server};
  // The heading: the lane's title, then each lifeline's name centred on its column.
  std::string heading = padded(std::string(sim::info(lane.transport).title), kTimeWidth);
  for (const sim::EndpointRole role : roles) {
    if (role == sim::EndpointRole::proxy && !proxy) continue;
    const std::string name = role == sim::EndpointRole::client  ? "Client"
                             : role == sim::EndpointRole::proxy ? "Proxy"
                                                                : "Server";
    const std::size_t at = column_of(role, proxy) - name.size() / 2;
    heading = padded(heading, at) + name;
  }
  std::string out = heading + "\n";
  std::size_t rows = 0;
  for (std::size_t i = 0; i < lane.frames.size() && rows < window.most; ++i) {
    const sim::WireFrame& frame = lane.frames[i];
    if (frame.sent_at < window.from || (frame.layer == sim::Layer::tcp && !window.tcp)) continue;
    std::string row(right + 1, ' ');
    row.replace(0, kTimeWidth, padded(format_time(frame.sent_at), kTimeWidth));
    for (const sim::EndpointRole role : roles) {
      if (role != sim::EndpointRole::proxy || proxy) row[column_of(role, proxy)] = '|';
    }
    const std::size_t from = column_of(lane.endpoints[frame.from].role, proxy);
    const std::size_t to = column_of(lane.endpoints[frame.to].role, proxy);
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
