#pragma once
// A lane's frames as a sequence diagram in plain text, for a terminal (pushlab-cli lesson): a
// row per frame with its sending time, an arrow between the lifelines it crosses and the label
// the window draws.
//
//   WebSocket          Client                          Server
//   1.000 s              |<------------------------------|  WS text "#0 abc..." (2+20 B)
//   1.050 s              |------------------------------>|  GET /poll

#include <string>

#include "sim/trace/trace.hpp"
#include "viz/model/diagram.hpp"

namespace pushlab::viz {

struct AsciiWindow {
  Nanoseconds from{0};    // frames sent from here on
  std::size_t most = 12;  // at most this many rows
  bool tcp = false;       // TCP's handshakes and FINs too
};

std::string ascii_diagram(const sim::Lane& lane, const LaneDiagram& diagram,
                          const AsciiWindow& window);

}  // namespace pushlab::viz
