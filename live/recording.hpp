#pragma once
// What the relay saw: every byte it forwarded, in the pieces it read them, with the moment each
// piece reached it and the moment the relay delivered it to the far end (after the scenario's
// latency, jitter and bandwidth). Times are scenario time (LiveClock). A live Trace is decoded
// from this with sim/wire (recording_trace.hpp).

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/nanoseconds.hpp"
#include "sim/wire/bytes.hpp"

namespace pushlab::live {

// Bytes that crossed one hop in one direction together.
struct RecordedPiece {
  sim::Nanoseconds sent_at{0};     // read by the relay from the sending side
  sim::Nanoseconds arrived_at{0};  // written by the relay to the receiving side
  sim::wire::Bytes bytes;
};

// One direction of one hop: its pieces in order, and its FIN if the sender closed.
struct RecordedFlow {
  std::vector<RecordedPiece> pieces;
  std::optional<RecordedPiece> fin;  // bytes empty
};

// One TCP connection on one hop. `up` flows towards the server.
struct RecordedHop {
  // The TCP handshake, as the relay models it on the hop's links: SYN, SYN-ACK, ACK (bytes
  // empty). The opener may send data from the SYN-ACK's arrival on, with its ACK.
  std::array<RecordedPiece, 3> handshake;
  sim::Nanoseconds established_at() const { return handshake[1].arrived_at; }
  RecordedFlow up;
  RecordedFlow down;
};

// One connection a client opened. Without a proxy the relay is invisible and there is one hop,
// client to server; with a proxy the relay is the proxy and each client connection has an
// upstream connection of its own (a new one after a 504 replaced it).
struct RecordedConnection {
  unsigned short client_port = 0;  // the client's side of it, which names its EndpointLog
  RecordedHop client_hop;
  std::vector<RecordedHop> server_hops;  // with a proxy
};

struct Recording {
  bool proxy = false;
  bool tls = false;                             // the pieces are TLS records
  std::vector<RecordedConnection> connections;  // in the order they were accepted
};

}  // namespace pushlab::live
