#pragma once
// Decodes what the relay recorded into a lane of a Trace, of the same form the simulator makes:
// each flow's bytes are read with sim/wire's parsers (HTTP requests and responses, the streamed
// response's chunks as events, WebSocket frames after a 101), every frame keeps its exact bytes,
// sent when its first byte left and received when its last byte arrived. TCP handshakes and
// FINs are frames of layer tcp with modelled sizes, as in a simulated lane. Messages are the
// scenario's planned ones, found in the frames by their payload ("#<id> ..."): a message is
// delivered when the first frame carrying it reaches its client (or the server).
//
// Over TLS the relay recorded only records: the Trace then takes the application bytes from
// the endpoints' logs, times them by the records that carried them (tls_flow.hpp), and says so
// in each frame's note; the handshake's records are frames of layer tls with their real bytes.

#include "live/endpoint_log.hpp"
#include "live/recording.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::live {

sim::Lane decode_recording(const Recording& recording, const EndpointLogs& logs,
                           const sim::Scenario& scenario, const sim::LaneSpec& lane);

// What a browser did against `pushlab-cli serve`: a lane for each transport it used, holding
// the requests to that transport's endpoint (/poll, /lp, /ws, /events) and their answers. A
// browser keeps connections alive and reuses them for any endpoint, so one connection may show
// in several lanes, each with its own exchanges; the page itself and its icon are left out.
// Needs a recording without TLS.
sim::Trace decode_by_transport(const Recording& recording, const sim::Scenario& scenario);

}  // namespace pushlab::live
