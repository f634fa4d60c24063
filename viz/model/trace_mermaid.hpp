#pragma once
// A lane of a Trace as a Mermaid sequenceDiagram, which renders on common code hosts and
// documentation sites: a participant per endpoint, an arrow per frame with the label the window
// draws (`GET /poll`, `101 Switching Protocols`, `WS text "#0 ab..." (2+20 B)`), solid from the
// side that opens a connection, dashed back, a cross where a frame was lost.

#include <optional>
#include <string>

#include "sim/trace/trace.hpp"

namespace pushlab::viz {

struct MermaidOptions {
  std::optional<sim::Nanoseconds> from;  // frames sent at or after; none: from the start
  std::optional<sim::Nanoseconds> to;    // frames sent at or before; none: to the end
  bool tcp = false;  // TCP's handshakes and FINs too (the TLS handshake always shows)
};

std::string to_mermaid(const sim::Trace& trace, const sim::Lane& lane,
                       const MermaidOptions& options = {});

}  // namespace pushlab::viz
