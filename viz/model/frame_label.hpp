#pragma once
// What a person would say about a frame, read from its bytes: `GET /poll`,
// `101 Switching Protocols`, `WS text "hi" (2+2 B)`, `SSE event id 3 (20 B)`, `SYN`. And the
// colour family it is drawn in: its layer, or an error (a lost frame, a 4xx or 5xx response).

#include <string>

#include "sim/trace/trace.hpp"

namespace pushlab::viz {

enum class FrameColour { tcp, tls, http, websocket, sse, error, broker };

std::string frame_label(const sim::WireFrame& frame);

FrameColour frame_colour(const sim::WireFrame& frame);

// The status of an HTTP response frame, 0 for any other frame.
int response_status(const sim::WireFrame& frame);

}  // namespace pushlab::viz
