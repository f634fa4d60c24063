#pragma once
// Everything a transport's model works with in one lane.

#include <functional>
#include <optional>

#include "sim/engine/rng.hpp"
#include "sim/engine/simulator.hpp"
#include "sim/net/topology.hpp"
#include "sim/transports/http_frames.hpp"
#include "sim/transports/message_book.hpp"

namespace pushlab::sim {

struct LaneWorld {
  const Scenario& scenario;
  Simulator& simulator;
  Topology& topology;
  MessageBook& messages;
  Rng& rng;  // the transport's own choices: masking keys, when each client first polls
  HttpFrames http{scenario};
  // Whether frames get their notes for the learner: not when the sink only counts.
  bool notes = topology.net().sink.reads_notes();
  // Set in a cluster whose broker keeps a stream (sim/transports/stream_resume.hpp): a server
  // says that `client` came to it having received up to message `last` (nullopt: none yet), and
  // is sent what the stream holds after that.
  std::function<void(EndpointId server, int client, std::optional<MessageId> last)> resume{};

  int clients() const { return topology.clients(); }
  bool tls() const { return scenario.network.tls; }
};

}  // namespace pushlab::sim
