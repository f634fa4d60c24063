#pragma once
// Decodes what the relay recorded into a lane of a Trace, of the same form the simulator makes:
// each flow's bytes are read with sim/wire's parsers (HTTP requests and responses, the streamed
// response's chunks as events, WebSocket frames after a 101), every frame keeps its exact bytes,
// sent when its first byte left and received when its last byte arrived. TCP handshakes and
// FINs are frames of layer tcp with modelled sizes, as in a simulated lane. Messages are the
// scenario's planned ones, found in the frames by their payload ("#<id> ..."): a message is
// delivered when the first frame carrying it reaches its client (or the server).

#include "live/recording.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::live {

sim::Lane decode_recording(const Recording& recording, const sim::Scenario& scenario,
                           sim::Transport transport);

}  // namespace pushlab::live
